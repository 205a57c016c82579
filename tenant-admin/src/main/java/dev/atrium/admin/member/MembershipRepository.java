package dev.atrium.admin.member;

import static dev.atrium.db.jooq.platform.Tables.WORKSPACE_MEMBERSHIP;
import static dev.atrium.db.jooq.tenant.Tables.MEMBER;
import static dev.atrium.db.jooq.tenant.Tables.ROLE;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

import dev.atrium.admin.access.BuiltInRoles;

/**
 * The one writer of memberships: a member lives in the workspace's own table and in the platform's membership index
 * (switcher, access check), always changed together. Callers have already checked permissions and rules; outside
 * this package they reach it only through {@link Memberships}.
 */
@Repository
class MembershipRepository {

    private final DSLContext platform;
    private final Clock clock;

    MembershipRepository(DSLContext platform, Clock clock) {
        this.platform = platform;
        this.clock = clock;
    }

    /**
     * Adds the account as the workspace's Owner, only while the workspace has no member at all: in the transaction
     * that creates it. A workspace always keeps an Owner afterwards, so this adds no one to an existing workspace.
     *
     * @return false when the workspace has members already: nothing was added
     */
    boolean addFounder(DSLContext tenant, UUID workspaceId, UUID accountId) {
        boolean hasMembers = tenant.fetchExists(MEMBER)
                || platform.fetchExists(WORKSPACE_MEMBERSHIP, WORKSPACE_MEMBERSHIP.WORKSPACE_ID.eq(workspaceId));
        if (hasMembers) {
            return false;
        }
        add(tenant, workspaceId, accountId, DSL.field(DSL.select(ROLE.ID).from(ROLE).where(ROLE.KEY.eq(BuiltInRoles.OWNER))));
        return true;
    }

    void add(DSLContext tenant, UUID workspaceId, UUID accountId, UUID roleId) {
        add(tenant, workspaceId, accountId, DSL.val(roleId));
    }

    private void add(DSLContext tenant, UUID workspaceId, UUID accountId, org.jooq.Field<UUID> roleId) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        tenant.insertInto(MEMBER).set(MEMBER.ACCOUNT_ID, accountId).set(MEMBER.ROLE_ID, roleId).set(MEMBER.JOINED_AT, now).execute();
        addToIndex(workspaceId, accountId, now);
    }

    private void addToIndex(UUID workspaceId, UUID accountId, OffsetDateTime now) {
        platform.insertInto(WORKSPACE_MEMBERSHIP)
                .set(WORKSPACE_MEMBERSHIP.WORKSPACE_ID, workspaceId)
                .set(WORKSPACE_MEMBERSHIP.ACCOUNT_ID, accountId)
                .set(WORKSPACE_MEMBERSHIP.JOINED_AT, now)
                .execute();
    }

    boolean isMember(DSLContext tenant, UUID accountId) {
        return tenant.fetchExists(MEMBER, MEMBER.ACCOUNT_ID.eq(accountId));
    }

    /**
     * Adds the account unless it is a member already. False then — also when a concurrent join of the same account
     * committed meanwhile (the insert waits for it): someone else won, and nothing was added.
     */
    boolean addIfAbsent(DSLContext tenant, UUID workspaceId, UUID accountId, UUID roleId) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (tenant.insertInto(MEMBER).set(MEMBER.ACCOUNT_ID, accountId).set(MEMBER.ROLE_ID, roleId).set(MEMBER.JOINED_AT, now)
                .onConflictDoNothing().execute() == 0) {
            return false;
        }
        addToIndex(workspaceId, accountId, now);
        return true;
    }

    /** @throws MemberRuleException when the account is not a member (any more): nothing was removed */
    void remove(DSLContext tenant, UUID workspaceId, UUID accountId) {
        if (tenant.deleteFrom(MEMBER).where(MEMBER.ACCOUNT_ID.eq(accountId)).execute() == 0) {
            throw new MemberRuleException(MemberRuleException.Rule.NOT_A_MEMBER);
        }
        platform.deleteFrom(WORKSPACE_MEMBERSHIP)
                .where(WORKSPACE_MEMBERSHIP.WORKSPACE_ID.eq(workspaceId))
                .and(WORKSPACE_MEMBERSHIP.ACCOUNT_ID.eq(accountId))
                .execute();
    }
}
