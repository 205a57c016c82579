package dev.atrium.admin.access;

import static dev.atrium.db.jooq.tenant.Tables.API_KEY;
import static dev.atrium.db.jooq.tenant.Tables.MEMBER;
import static dev.atrium.db.jooq.tenant.Tables.ROLE;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

/** Reads the roles the permission check needs: a member's role, and roles locked for a rule that must not change under it. */
@Repository
class MemberRoleRepository {

    private final RoleSummaryRepository roles;

    MemberRoleRepository(RoleSummaryRepository roles) {
        this.roles = roles;
    }

    Optional<RoleSummary> roleOfMember(DSLContext tenant, UUID accountId) {
        return roles.select(tenant, ROLE.ID.eq(DSL.select(MEMBER.ROLE_ID).from(MEMBER).where(MEMBER.ACCOUNT_ID.eq(accountId))))
                .fetchOptional(roles::toRole);
    }

    /** A usable API key's role, and the role its creator holds now (null when no longer a member). */
    record ApiKeyRoles(RoleSummary keyRole, @Nullable RoleSummary creatorRole) {
    }

    /** The key's roles, read from the database on every call; empty when it is revoked, expired or gone. */
    Optional<ApiKeyRoles> usableApiKey(DSLContext tenant, UUID keyId, OffsetDateTime now) {
        return tenant.select(API_KEY.ROLE_ID, MEMBER.ROLE_ID).from(API_KEY)
                .leftJoin(MEMBER).on(MEMBER.ACCOUNT_ID.eq(API_KEY.CREATED_BY))
                .where(API_KEY.ID.eq(keyId)).and(API_KEY.REVOKED_AT.isNull())
                .and(API_KEY.EXPIRES_AT.isNull().or(API_KEY.EXPIRES_AT.gt(now)))
                .fetchOptional()
                .flatMap(ids -> {
                    Map<UUID, RoleSummary> found = roles.select(tenant, ROLE.ID.in(ids.value1(), ids.value2())).fetchMap(ROLE.ID, roles::toRole);
                    RoleSummary keyRole = found.get(ids.value1());
                    return keyRole == null ? Optional.empty()
                            : Optional.of(new ApiKeyRoles(keyRole, ids.value2() == null ? null : found.get(ids.value2())));
                });
    }

    /**
     * Locks the key's row (key-shared: noting a use still goes through, revoking, which locks it for update, waits)
     * and its creator's membership (shared: a role change or removal waits) until the transaction ends. {@link #usableApiKey},
     * read after this, sees what committed before the locks were granted.
     */
    void lockApiKeyAuthority(DSLContext tenant, UUID keyId) {
        tenant.select(API_KEY.ID).from(API_KEY).where(API_KEY.ID.eq(keyId)).forKeyShare().execute();
        tenant.select(MEMBER.ACCOUNT_ID).from(MEMBER)
                .where(MEMBER.ACCOUNT_ID.eq(DSL.select(API_KEY.CREATED_BY).from(API_KEY).where(API_KEY.ID.eq(keyId))))
                .forShare().execute();
    }

    /** Every role of the workspace. */
    List<RoleSummary> all(DSLContext tenant) {
        return roles.select(tenant, DSL.noCondition()).fetch(roles::toRole);
    }

    /** The member's role id, not locked; empty when not a member. */
    Optional<UUID> roleIdOfMember(DSLContext tenant, UUID accountId) {
        return tenant.select(MEMBER.ROLE_ID).from(MEMBER).where(MEMBER.ACCOUNT_ID.eq(accountId)).fetchOptional(MEMBER.ROLE_ID);
    }

    /** The roles the accounts hold, not locked; accounts that are not members hold none. */
    Set<UUID> roleIdsOfMembers(DSLContext tenant, Collection<UUID> accountIds) {
        return tenant.selectDistinct(MEMBER.ROLE_ID).from(MEMBER).where(MEMBER.ACCOUNT_ID.in(accountIds)).fetchSet(MEMBER.ROLE_ID);
    }

    /** The member's role id, with their row locked (shared) until the transaction ends; empty when not a member. */
    Optional<UUID> lockRoleIdOfMember(DSLContext tenant, UUID accountId) {
        return tenant.select(MEMBER.ROLE_ID).from(MEMBER).where(MEMBER.ACCOUNT_ID.eq(accountId)).forShare()
                .fetchOptional(MEMBER.ROLE_ID);
    }

    /**
     * The roles, with their rows locked (shared, in id order) until the transaction ends, so that no edit or deletion
     * commits meanwhile. Read by a statement after the one that locks: a statement that waited for an edit to commit
     * sees the edited role row but, in its subquery, the permissions its snapshot held from before the edit.
     */
    Map<UUID, RoleSummary> lockAndFind(DSLContext tenant, Collection<UUID> roleIds) {
        tenant.select(ROLE.ID).from(ROLE).where(ROLE.ID.in(roleIds)).orderBy(ROLE.ID).forShare().execute();
        return roles.select(tenant, ROLE.ID.in(roleIds)).fetchMap(ROLE.ID, roles::toRole);
    }
}
