package dev.atrium.admin.joinlink;

import java.time.OffsetDateTime;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What the page at a join link may show to the signed-in account. Only a link this account could use (or is a member
 * through) names the workspace and role; every other state says what happened and nothing about the workspace.
 */
public record JoinLinkPage(State state, @Nullable String workspaceName, @Nullable String workspaceSlug, @Nullable String roleName,
        @Nullable OffsetDateTime expiresAt, List<String> allowedDomains, @Nullable String ssoPath) {

    public enum State {
        /** Can be used by the signed-in account. */
        VALID,
        /** The signed-in account is a member already; a use would change nothing and is not counted. */
        ALREADY_MEMBER,
        /** The signed-in account's address is at none of the link's allowed domains (the page names them). */
        DOMAIN_NOT_ALLOWED,
        /** The link allows only some domains and the signed-in account's address is not verified. */
        UNVERIFIED_EMAIL,
        /** The workspace requires its single sign-on for this address: sign in through {@link #ssoPath()}, then open the link again. */
        SSO_REQUIRED,
        /** The link's creator left the workspace or can no longer grant its role. */
        CREATOR_NO_LONGER_ALLOWED,
        EXPIRED, REVOKED, USED_UP, UNKNOWN
    }

    static JoinLinkPage of(State state) {
        return new JoinLinkPage(state, null, null, null, null, List.of(), null);
    }
}
