package dev.atrium.admin.invitation;

import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.atrium.admin.tenancy.WorkspaceBinding;

/**
 * Whether an invitation must be taken up through the workspace's single sign-on instead of being accepted with the
 * session the person has (the SSO policies decide; this package only asks, so it does not depend on them).
 */
public interface InvitationSteering {

    /**
     * The path to sign in through, e.g. {@code /sso/acme}, when an invitation to {@code invitedEmail} must be taken up
     * through the workspace's connection and the session was not opened through it; empty when it may be accepted.
     *
     * @param sessionConnectionId the connection the accepting session was opened through, or null (app-wide sign-in)
     */
    Optional<String> signInPath(WorkspaceBinding workspace, String invitedEmail, @Nullable UUID sessionConnectionId);
}
