package dev.atrium.admin.sso;

import java.util.List;

/**
 * Where the accepted multi-factor values start from. README (SSO required and MFA) says where each value comes from:
 * <ul>
 * <li>{@link #OKTA}: {@code amr} contains {@code mfa} after a second factor; {@code acr} is
 * {@code urn:okta:loa:2fa:any} when the app asked for two factors, {@code phr}/{@code phrh} for phishing-resistant
 * ones (both multi-factor).</li>
 * <li>{@link #ENTRA_ID}: {@code amr} contains {@code mfa} (OIDC); SAML responses carry
 * {@code http://schemas.microsoft.com/claims/multipleauthn} among the authentication method references.</li>
 * <li>{@link #GOOGLE}: Google's ID tokens say {@code mfa} in {@code amr} after a second factor; Google's SAML
 * responses do not tell, so a SAML connection to Google cannot satisfy "Require multi-factor".</li>
 * <li>{@link #CUSTOM}: {@code mfa} (RFC 8176) and the REFEDS MFA profile {@code https://refeds.org/profile/mfa},
 * the common SAML class of federations; edit to what the provider sends.</li>
 * </ul>
 */
public enum MfaPreset {

    CUSTOM(List.of("mfa", "https://refeds.org/profile/mfa")),
    OKTA(List.of("mfa", "urn:okta:loa:2fa:any", "phr", "phrh")),
    ENTRA_ID(List.of("mfa", "http://schemas.microsoft.com/claims/multipleauthn")),
    GOOGLE(List.of("mfa"));

    private final List<String> acceptedValues;

    MfaPreset(List<String> values) {
        this.acceptedValues = values;
    }

    public List<String> acceptedValues() {
        return acceptedValues;
    }
}
