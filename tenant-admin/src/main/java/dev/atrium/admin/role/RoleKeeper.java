package dev.atrium.admin.role;

import java.util.Optional;

import dev.atrium.admin.access.RoleSummary;
import dev.atrium.admin.refusal.Reason;
import dev.atrium.admin.tenancy.WorkspaceBinding;

/**
 * Something outside the roles that names a role and cannot simply follow its holders elsewhere (an SSO connection's
 * default role): while it names the role, the role cannot be deleted. Asked by a deletion with the role locked; whoever
 * starts naming a role locks it (shared) before committing, so the answer holds until the deletion commits.
 */
public interface RoleKeeper {

    /** Why the role cannot be deleted, or empty when this does not name it. */
    Optional<Reason> keeps(WorkspaceBinding workspace, RoleSummary role);
}
