package dev.atrium.admin.sso;

import java.util.List;

/**
 * Where a connection's settings start from. A preset prefills the issuer (with a placeholder for the customer's own
 * part) and the scopes; {@link #GOOGLE_WORKSPACE} also needs a verified domain, because its sign-ins must carry an
 * {@code hd} claim naming one of the workspace's verified domains.
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

    /** Whether sign-ins must carry an {@code hd} claim that is one of the workspace's verified domains. */
    public boolean requiresHostedDomain() {
        return this == GOOGLE_WORKSPACE;
    }
}
