package dev.atrium.admin.sso;

import java.util.List;

/**
 * The workspace's SSO policies as admins see them.
 *
 * @param requireSso members whose e-mail domain the workspace verified open it only through its connection
 * @param requireMfa those members' sign-in must have carried multi-factor authentication
 * @param mfaPreset where {@code mfaValues} started from
 * @param mfaValues what counts as multi-factor: OIDC {@code amr} or {@code acr} values, SAML
 *        {@code AuthnContextClassRef} values; one of them is enough
 * @param groupClaim the ID token claim or SAML attribute whose values the group mappings match
 * @param paused a policy is on, but enforces nothing now: the connection is not enabled or no domain is verified
 */
public record SsoPolicy(boolean requireSso, boolean requireMfa, MfaPreset mfaPreset, List<String> mfaValues, String groupClaim,
        List<GroupRoleMapping> mappings, boolean paused) {

    public SsoPolicy {
        mfaValues = List.copyOf(mfaValues);
        mappings = List.copyOf(mappings);
    }
}
