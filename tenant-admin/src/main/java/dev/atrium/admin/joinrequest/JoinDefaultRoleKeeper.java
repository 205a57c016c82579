package dev.atrium.admin.joinrequest;

import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.atrium.admin.access.RoleSummary;
import dev.atrium.admin.refusal.Reason;
import dev.atrium.admin.role.RoleKeeper;
import dev.atrium.admin.tenancy.WorkspaceBinding;

/**
 * The role automatic joins give is not deleted under the setting: automatic joins would quietly turn into requests,
 * so an admin chooses another role (or another mode) first. Saving the setting locks the role it names.
 */
@Component
class JoinDefaultRoleKeeper implements RoleKeeper {

    private final JoinRequestRepository requests;

    JoinDefaultRoleKeeper(JoinRequestRepository requests) {
        this.requests = requests;
    }

    @Override
    public Optional<Reason> keeps(WorkspaceBinding workspace, RoleSummary role) {
        JoinRequestRepository.Setting setting = requests.setting(workspace);
        return setting.mode() == JoinMode.AUTOMATIC && role.id().equals(setting.defaultRoleId())
                ? Optional.of(Reason.of("role.join-default-role", role.name()))
                : Optional.empty();
    }
}
