package dev.atrium.admin.member;

import java.util.UUID;

import org.jooq.DSLContext;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.atrium.admin.tenancy.InviteeScope;
import dev.atrium.admin.tenancy.TenantDsl;

/**
 * The two ways into a workspace from outside this package, each narrow: founding a workspace being created, and
 * joining by an invitation whose token was verified (an {@link InviteeScope}, which only the binder makes). Every
 * other change to a membership is a {@link MemberService} operation with its permission check.
 */
@Component
public class Memberships {

    private final MembershipRepository memberships;
    private final TenantDsl tenantDsl;

    Memberships(MembershipRepository memberships, TenantDsl tenantDsl) {
        this.memberships = memberships;
        this.tenantDsl = tenantDsl;
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

    /** Makes the invitee a member with the invited role; the invitation service has checked the invitation. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void join(InviteeScope invitee, UUID roleId) {
        memberships.add(tenantDsl.of(invitee), invitee.workspaceId(), invitee.accountId(), roleId);
    }
}
