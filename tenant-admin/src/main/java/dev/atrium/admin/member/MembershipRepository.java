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
     * Adds the account as the workspace's Owner, only while the workspace has no member at all (neither in its schema
     * nor in the platform's index): in the transaction that creates it. A workspace always keeps an Owner afterwards,
     * so this adds no one to an existing workspace. Two conditional inserts, rather than a check and an insert each.
     *
     * @return false when the workspace has members already: the caller rolls back whatever was added
     */
    boolean addFounder(DSLContext tenant, UUID workspaceId, UUID accountId) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        int asOwner = tenant.insertInto(MEMBER, MEMBER.ACCOUNT_ID, MEMBER.ROLE_ID, MEMBER.JOINED_AT)
                .select(DSL.select(DSL.val(accountId), ROLE.ID, DSL.val(now, MEMBER.JOINED_AT)).from(ROLE)
                        .where(ROLE.KEY.eq(BuiltInRoles.OWNER))
                        .andNotExists(DSL.selectOne().from(MEMBER)))
                .execute();
        return asOwner == 1 && platform.insertInto(WORKSPACE_MEMBERSHIP, WORKSPACE_MEMBERSHIP.WORKSPACE_ID, WORKSPACE_MEMBERSHIP.ACCOUNT_ID,
                        WORKSPACE_MEMBERSHIP.JOINED_AT)
                .select(DSL.select(DSL.val(workspaceId), DSL.val(accountId), DSL.val(now, WORKSPACE_MEMBERSHIP.JOINED_AT))
                        .whereNotExists(DSL.selectOne().from(WORKSPACE_MEMBERSHIP).where(WORKSPACE_MEMBERSHIP.WORKSPACE_ID.eq(workspaceId))))
                .execute() == 1;
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

    /** False when the account is no member: no row to mark. */
    boolean markSignedInThroughConnection(DSLContext tenant, UUID accountId) {
        return tenant.update(MEMBER).set(MEMBER.SIGNED_IN_THROUGH_CONNECTION, true).where(MEMBER.ACCOUNT_ID.eq(accountId)).execute() == 1;
    }

    boolean signedInThroughConnection(DSLContext tenant, UUID accountId) {
        return tenant.fetchExists(MEMBER, MEMBER.ACCOUNT_ID.eq(accountId).and(MEMBER.SIGNED_IN_THROUGH_CONNECTION));
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
