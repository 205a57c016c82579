package dev.atrium.admin.sso;

/**
 * What an admin sets in the policies part of the Single sign-on section.
 *
 * @param mfaValues separated by spaces, commas or new lines
 * @param groupClaim blank means {@value SsoPolicyService#DEFAULT_GROUP_CLAIM}
 */
public record SsoPolicyDraft(boolean requireSso, boolean requireMfa, MfaPreset mfaPreset, String mfaValues, String groupClaim) {
}
