package dev.atrium.admin.sso;

/**
 * How a workspace's connection signs people in: OpenID Connect (authorization code) or SAML 2.0 (Web Browser SSO
 * profile). The web layer picks the entry point of a connection by it (see {@code security.SsoEntryFilter}).
 */
public enum SsoProtocol {
    OIDC,
    SAML
}
