package dev.atrium.admin.sso;

import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.atrium.admin.access.RoleSummary;
import dev.atrium.admin.refusal.Reason;
import dev.atrium.admin.role.RoleKeeper;
import dev.atrium.admin.tenancy.WorkspaceBinding;

/**
 * The connection's default role is not deleted under it: moving it along with the role's holders would give everyone
 * who signs in from then on a role nobody chose for them, so an admin chooses another default first.
 */
@Component
class SsoDefaultRoleKeeper implements RoleKeeper {

    private final SsoConnectionRepository connections;

    SsoDefaultRoleKeeper(SsoConnectionRepository connections) {
        this.connections = connections;
    }

    @Override
    public Optional<Reason> keeps(WorkspaceBinding workspace, RoleSummary role) {
        return connections.find(workspace).filter(connection -> connection.defaultRoleId().equals(role.id()))
                .map(connection -> Reason.of("role.sso-default-role", role.name()));
    }
}
