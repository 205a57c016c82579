package dev.atrium.admin.member;

import java.util.UUID;

import org.jooq.DSLContext;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.atrium.admin.access.AccessControl;
import dev.atrium.admin.tenancy.InviteeScope;
import dev.atrium.admin.tenancy.TenantDsl;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.tenancy.WorkspaceBinding;

/**
 * The ways into a workspace from outside this package, each narrow: founding a workspace being created, joining by
 * an invitation or join link whose token was verified (an {@link InviteeScope}, which only the binder makes), and joining through
 * the workspace's single sign-on connection (the system acts). Every other change to a membership is a
 * {@link MemberService} operation with its permission check.
 */
@Component
public class Memberships {

    private final MembershipRepository memberships;
    private final TenantDsl tenantDsl;
    private final AccessControl access;

    Memberships(MembershipRepository memberships, TenantDsl tenantDsl, AccessControl access) {
        this.memberships = memberships;
        this.tenantDsl = tenantDsl;
        this.access = access;
    }

    /**
     * Makes the account Owner of the workspace being created, given SQL on its new schema (from the provisioner).
     *
     * @throws IllegalStateException when the workspace has members already: no one is added to an existing workspace
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void found(DSLContext newWorkspace, UUID workspaceId, UUID founderAccountId) {
        if (!memberships.addFounder(newWorkspace, workspaceId, founderAccountId)) {
            throw new IllegalStateException("Workspace " + workspaceId + " has members already; it is not being created");
        }
    }

    /**
     * Makes the account a member with the role by an invitation or a join link its service has checked.
     *
     * @return false when the account is a member already (also when a concurrent join won): nothing changed
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean joinIfAbsent(InviteeScope joining, UUID roleId) {
        return memberships.addIfAbsent(tenantDsl.of(joining), joining.workspaceId(), joining.accountId(), roleId);
    }

    /**
     * Records that the member signed in through the workspace's connection, which "Require SSO" binds them by from then
     * on. The system acts. Locks the member's row, so it comes before the audit log, as every member change does.
     *
     * @return false when the account is no member (nothing recorded)
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean markSignedInThroughConnection(TenantScope system, UUID accountId) {
        access.requireSystem(system);
        return memberships.markSignedInThroughConnection(tenantDsl.of(system), accountId);
    }

    /** Whether the member has ever signed in through the workspace's connection ({@link #markSignedInThroughConnection}). */
    public boolean signedInThroughConnection(WorkspaceBinding workspace, UUID accountId) {
        return memberships.signedInThroughConnection(tenantDsl.of(workspace), accountId);
    }

    /** Whether the account is a member of the workspace. */
    public boolean isMember(WorkspaceBinding workspace, UUID accountId) {
        return memberships.isMember(tenantDsl.of(workspace), accountId);
    }

    /**
     * Makes the account a member with the role, joining through the workspace's connection just in time or by a join
     * request (approved, or automatic); the sign-in or join request service has applied its rules. The system acts ({@link AccessControl#requireSystem}).
     *
     * @return false when the account is a member already (also when a concurrent join won): nothing changed
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean joinThroughConnection(TenantScope system, UUID accountId, UUID roleId) {
        access.requireSystem(system);
        return memberships.addIfAbsent(tenantDsl.of(system), system.workspaceId(), accountId, roleId);
    }
}
