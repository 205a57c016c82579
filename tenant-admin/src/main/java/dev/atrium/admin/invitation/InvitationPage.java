package dev.atrium.admin.invitation;

import java.time.OffsetDateTime;

import org.jspecify.annotations.Nullable;

/**
 * What the page at an invitation link may show. Only a valid invitation reveals its workspace, role and inviter;
 * every other state says what happened and nothing about the workspace.
 */
public record InvitationPage(State state, String workspaceName, String workspaceSlug, String roleName, String invitedBy,
        String invitedEmail, OffsetDateTime expiresAt, @Nullable String ssoPath) {

    public enum State {
        /** Can be accepted by the signed-in account. */
        VALID,
        /** For another e-mail address than the signed-in account's (the page names the invited address). */
        WRONG_ACCOUNT,
        /** The signed-in account's e-mail address is not verified by its identity provider. */
        UNVERIFIED_EMAIL,
        /** The signed-in account is already a member of the workspace. */
        ALREADY_MEMBER,
        /**
         * The workspace requires its single sign-on for the invited address: the person takes the invitation up by
         * signing in through {@link InvitationPage#ssoPath()}, which makes them a member.
         */
        SSO_REQUIRED,
        /** The inviter can no longer grant the invitation's role (removed, left or their role changed). */
        INVITER_NO_LONGER_ALLOWED,
        EXPIRED, CANCELLED, ALREADY_USED, SUPERSEDED, UNKNOWN
    }

    static InvitationPage of(State state) {
        return new InvitationPage(state, null, null, null, null, null, null, null);
    }
}
