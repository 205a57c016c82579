package dev.atrium.admin.sso;

/** How a connection signs people in: OpenID Connect (authorization code) or SAML 2.0 (Web Browser SSO profile). */
public enum SsoProtocol {
    OIDC,
    SAML
}
