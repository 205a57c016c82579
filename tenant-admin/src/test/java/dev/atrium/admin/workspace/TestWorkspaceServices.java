package dev.atrium.admin.workspace;

import org.springframework.context.ApplicationContext;

import dev.atrium.admin.access.AccessControl;
import dev.atrium.admin.account.AccountService;
import dev.atrium.admin.audit.AuditLog;
import dev.atrium.admin.member.Memberships;
import dev.atrium.admin.ratelimit.RateLimiter;
import dev.atrium.admin.tenancy.TenantBinder;
import dev.atrium.admin.tenancy.TenantDsl;
import dev.atrium.admin.tenancy.TenantProvisioner;

/** The application's WorkspaceService, except for the provisioner: for tests that make provisioning fail. */
public final class TestWorkspaceServices {

    private TestWorkspaceServices() {
    }

    public static WorkspaceService withProvisioner(ApplicationContext context, TenantProvisioner provisioner) {
        return new WorkspaceService(context.getBean(WorkspaceRepository.class), provisioner, context.getBean(TenantDsl.class),
                context.getBean(Memberships.class), context.getBean(TenantBinder.class), context.getBean(AuditLog.class),
                context.getBean(AccessControl.class), context.getBean(RateLimiter.class),
                context.getBean(AccountService.class));
    }
}
