package dev.atrium.admin.sso;

/**
 * How a workspace's connection signs people in. The web layer picks the entry point of a connection by it (see
 * {@code security.SsoEntryFilter}); a SAML connection adds {@code SAML} here and its entry point there.
 */
public enum SsoProtocol {
    OIDC
}
