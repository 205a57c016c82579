package dev.atrium.admin.sso;

import java.util.List;

/**
 * Where a connection's settings start from. A preset prefills the issuer (with a placeholder for the customer's own
 * part) and the scopes; {@link #GOOGLE_WORKSPACE} also needs a verified domain, because its sign-ins must carry an
 * {@code hd} claim naming one of the workspace's verified domains. For SAML connections a preset prefills the
 * attributes carrying the e-mail address and groups, and says where to register Atrium at the provider.
 */
public enum SsoPreset {

    CUSTOM("", List.of("openid", "profile", "email")),
    OKTA("https://{your-org}.okta.com", List.of("openid", "profile", "email")),
    ENTRA_ID("https://login.microsoftonline.com/{tenant-id}/v2.0", List.of("openid", "profile", "email")),
    GOOGLE_WORKSPACE("https://accounts.google.com", List.of("openid", "profile", "email"));

    private final String issuerPattern;
    private final List<String> scopes;

    SsoPreset(String issuerPattern, List<String> scopes) {
        this.issuerPattern = issuerPattern;
        this.scopes = scopes;
    }

    /** The issuer to prefill; a part in braces is the customer's own, to be replaced. */
    public String issuerPattern() {
        return issuerPattern;
    }

    public List<String> scopes() {
        return scopes;
    }

    /**
     * The SAML attribute that carries the e-mail address at this provider by default; empty: the NameID does (Okta's
     * and Google's EmailAddress / primary e-mail NameID).
     */
    public String samlEmailAttribute() {
        return this == ENTRA_ID ? "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress" : "";
    }

    /** The SAML attribute that carries group names at this provider by default, if it sends groups. */
    public String samlGroupsAttribute() {
        return switch (this) {
            case ENTRA_ID -> "http://schemas.microsoft.com/ws/2008/06/identity/claims/groups";
            case OKTA, GOOGLE_WORKSPACE -> "groups";
            case CUSTOM -> "";
        };
    }

    /** Whether sign-ins must carry an {@code hd} claim that is one of the workspace's verified domains. */
    public boolean requiresHostedDomain() {
        return this == GOOGLE_WORKSPACE;
    }
}
