package dev.atrium.admin.role;

import static dev.atrium.db.jooq.tenant.Tables.API_KEY;
import static dev.atrium.db.jooq.tenant.Tables.INVITATION;
import static dev.atrium.db.jooq.tenant.Tables.JOIN_LINK;
import static dev.atrium.db.jooq.tenant.Tables.MEMBER;
import static dev.atrium.db.jooq.tenant.Tables.ROLE;
import static dev.atrium.db.jooq.tenant.Tables.ROLE_PERMISSION;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SortField;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

import dev.atrium.admin.access.BuiltInRoles;
import dev.atrium.admin.access.RoleSummary;
import dev.atrium.admin.access.RoleSummaryRepository;
import dev.atrium.admin.paging.PageRequest;
import dev.atrium.admin.paging.Sorting;
import dev.atrium.admin.tenancy.WorkspaceBinding;
import dev.atrium.admin.tenancy.WorkspaceLocks;

@Repository
class RoleRepository {

    private static final Field<Integer> MEMBER_COUNT = DSL.field(
            DSL.selectCount().from(MEMBER).where(MEMBER.ROLE_ID.eq(ROLE.ID))).as("member_count");
    private static final Field<Integer> INVITATION_COUNT = DSL.field(
            DSL.selectCount().from(INVITATION).where(INVITATION.ROLE_ID.eq(ROLE.ID))).as("invitation_count");
    /** The built-in roles strongest first, then custom roles as created. */
    private static final List<SortField<?>> DEFAULT_ORDER = List.of(DSL.when(ROLE.KEY.eq(BuiltInRoles.OWNER), 0)
            .when(ROLE.KEY.eq(BuiltInRoles.ADMIN), 1).when(ROLE.KEY.eq(BuiltInRoles.MEMBER), 2)
            .when(ROLE.KEY.eq(BuiltInRoles.GUEST), 3).otherwise(4).asc(), ROLE.CREATED_AT.asc(), ROLE.NAME.asc());
    private static final Map<String, Field<?>> SORTABLE = Map.of(
            RoleListing.SORT_NAME, DSL.lower(ROLE.NAME),
            RoleListing.SORT_MEMBERS, DSL.field(DSL.name("member_count")));

    private final RoleSummaryRepository roles;
    private final Clock clock;

    RoleRepository(RoleSummaryRepository roles, Clock clock) {
        this.roles = roles;
        this.clock = clock;
    }

    List<RoleSummary> all(DSLContext tenant) {
        return roles.select(tenant, DSL.noCondition()).orderBy(DEFAULT_ORDER).fetch(roles::toRole);
    }

    List<RoleListing> page(DSLContext tenant, PageRequest page) {
        Field<Integer> activeJoinLinks = DSL.field(DSL.selectCount().from(JOIN_LINK)
                .where(JOIN_LINK.ROLE_ID.eq(ROLE.ID)).and(activeJoinLink())).as("active_join_link_count");
        Field<Integer> activeApiKeys = DSL.field(DSL.selectCount().from(API_KEY)
                .where(API_KEY.ROLE_ID.eq(ROLE.ID)).and(activeApiKey())).as("active_api_key_count");
        return tenant.select(RoleSummaryRepository.COLUMNS).select(MEMBER_COUNT, INVITATION_COUNT, activeJoinLinks, activeApiKeys)
                .from(ROLE)
                .orderBy(Sorting.orderBy(page, SORTABLE, DEFAULT_ORDER, ROLE.ID.asc()))
                .offset(page.offset())
                .limit(page.limit())
                .fetch(r -> new RoleListing(roles.toRole(r), r.get(MEMBER_COUNT), r.get(INVITATION_COUNT), r.get(activeJoinLinks),
                        r.get(activeApiKeys)));
    }

    /**
     * The role's API keys that still work (neither revoked nor expired), locked until the transaction ends: a request
     * with one that changes something waits, and finds the key gone once the role's deletion took it along.
     */
    List<UUID> lockActiveApiKeys(DSLContext tenant, UUID roleId) {
        return tenant.select(API_KEY.ID).from(API_KEY).where(API_KEY.ROLE_ID.eq(roleId)).and(activeApiKey())
                .orderBy(API_KEY.ID).forUpdate().fetch(API_KEY.ID);
    }

    private Condition activeApiKey() {
        return API_KEY.REVOKED_AT.isNull().and(API_KEY.EXPIRES_AT.isNull().or(API_KEY.EXPIRES_AT.gt(OffsetDateTime.now(clock))));
    }

    /**
     * The role's join links that could still be used (neither revoked, expired nor used up), locked until the
     * transaction ends: a use of one waits, and finds it gone once the role's deletion took it along.
     */
    List<UUID> lockActiveJoinLinks(DSLContext tenant, UUID roleId) {
        return tenant.select(JOIN_LINK.ID).from(JOIN_LINK).where(JOIN_LINK.ROLE_ID.eq(roleId)).and(activeJoinLink())
                .orderBy(JOIN_LINK.ID).forUpdate().fetch(JOIN_LINK.ID);
    }

    /** What the join links' own status calls active ({@code JoinLinkStatus.ACTIVE}), as a condition. */
    private Condition activeJoinLink() {
        return JOIN_LINK.REVOKED_AT.isNull().and(JOIN_LINK.EXPIRES_AT.gt(OffsetDateTime.now(clock)))
                .and(JOIN_LINK.MAX_USES.isNull().or(JOIN_LINK.USES.lt(JOIN_LINK.MAX_USES)));
    }

    int count(DSLContext tenant) {
        return tenant.fetchCount(ROLE);
    }

    int countCustom(DSLContext tenant) {
        return tenant.fetchCount(ROLE, ROLE.BUILT_IN.isFalse());
    }

    Optional<RoleSummary> find(DSLContext tenant, UUID roleId) {
        return roles.select(tenant, ROLE.ID.eq(roleId)).fetchOptional(roles::toRole);
    }

    Map<UUID, RoleSummary> findAll(DSLContext tenant, Collection<UUID> roleIds) {
        return roles.select(tenant, ROLE.ID.in(roleIds)).fetchMap(ROLE.ID, roles::toRole);
    }

    /** Locks the roles until the transaction ends, in id order, so that two changes locking the same two wait, not deadlock. */
    void lockForChange(DSLContext tenant, Collection<UUID> roleIds) {
        tenant.select(ROLE.ID).from(ROLE).where(ROLE.ID.in(roleIds)).orderBy(ROLE.ID).forUpdate().execute();
    }

    /**
     * The role, locked until the transaction ends against anyone handing it out ({@code AccessControl.lockRole}) or
     * referencing it: a change or deletion then counts its holders after every hand-out that came first committed.
     * Read after the lock, by a statement of its own, so that an edit this waited for shows in its permissions too.
     */
    Optional<RoleSummary> lockForChange(DSLContext tenant, UUID roleId) {
        lockForChange(tenant, List.of(roleId));
        return find(tenant, roleId);
    }

    /**
     * Serialises changes of the workspace's role names until the transaction ends, so that two people naming roles
     * at the same moment cannot both pass the "no look-alike name" check.
     */
    void lockNames(DSLContext tenant, WorkspaceBinding workspace) {
        WorkspaceLocks.holdUntilCommit(tenant, "role-names", workspace);
    }

    /** Every role's name by id. */
    Map<UUID, String> names(DSLContext tenant) {
        return tenant.select(ROLE.ID, ROLE.NAME).from(ROLE).fetchMap(ROLE.ID, ROLE.NAME);
    }

    UUID insert(DSLContext tenant, String key, String name, String description) {
        return tenant.insertInto(ROLE).set(ROLE.KEY, key).set(ROLE.NAME, name).set(ROLE.DESCRIPTION, description)
                .set(ROLE.CREATED_AT, OffsetDateTime.now(clock))
                .returning(ROLE.ID).fetchSingle(ROLE.ID);
    }

    void update(DSLContext tenant, UUID roleId, String name, String description) {
        tenant.update(ROLE).set(ROLE.NAME, name).set(ROLE.DESCRIPTION, description).where(ROLE.ID.eq(roleId)).execute();
    }

    void replacePermissions(DSLContext tenant, UUID roleId, Collection<String> permissions) {
        tenant.deleteFrom(ROLE_PERMISSION).where(ROLE_PERMISSION.ROLE_ID.eq(roleId)).execute();
        if (!permissions.isEmpty()) {
            var insert = tenant.insertInto(ROLE_PERMISSION, ROLE_PERMISSION.ROLE_ID, ROLE_PERMISSION.PERMISSION);
            for (String permission : permissions) {
                insert = insert.values(roleId, permission);
            }
            insert.execute();
        }
    }

    /** How many members and open invitations hold the role. */
    int holders(DSLContext tenant, UUID roleId) {
        return tenant.fetchCount(MEMBER, MEMBER.ROLE_ID.eq(roleId)) + tenant.fetchCount(INVITATION, INVITATION.ROLE_ID.eq(roleId));
    }

    /** Moves the role's members and invitations (of any status) to another role, then deletes it. */
    void deleteMovingHolders(DSLContext tenant, UUID roleId, UUID toRoleId) {
        if (toRoleId != null) {
            tenant.update(MEMBER).set(MEMBER.ROLE_ID, toRoleId).where(MEMBER.ROLE_ID.eq(roleId)).execute();
            tenant.update(INVITATION).set(INVITATION.ROLE_ID, toRoleId).where(INVITATION.ROLE_ID.eq(roleId)).execute();
        }
        tenant.deleteFrom(ROLE).where(ROLE.ID.eq(roleId)).execute();
    }

}
