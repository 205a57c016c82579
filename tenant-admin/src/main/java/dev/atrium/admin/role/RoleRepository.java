package dev.atrium.admin.role;

import static dev.atrium.db.jooq.tenant.Tables.MEMBER;
import static dev.atrium.db.jooq.tenant.Tables.ROLE;
import static dev.atrium.db.jooq.tenant.Tables.ROLE_PERMISSION;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

@Repository
class RoleRepository {

    private static final Field<String[]> PERMISSIONS = DSL.array(
            DSL.select(ROLE_PERMISSION.PERMISSION).from(ROLE_PERMISSION)
                    .where(ROLE_PERMISSION.ROLE_ID.eq(ROLE.ID)).orderBy(ROLE_PERMISSION.PERMISSION)).as("permissions");

    List<RoleSummary> all(DSLContext tenant) {
        return select(tenant, DSL.noCondition())
                .orderBy(ROLE.BUILT_IN.desc(), DSL.field(ROLE.KEY.eq(Permissions.OWNER_ROLE)).desc(), ROLE.CREATED_AT, ROLE.NAME)
                .fetch(RoleRepository::toRole);
    }

    Optional<RoleSummary> find(DSLContext tenant, UUID roleId) {
        return select(tenant, ROLE.ID.eq(roleId)).fetchOptional(RoleRepository::toRole);
    }

    Optional<RoleSummary> roleOfMember(DSLContext tenant, UUID accountId) {
        return select(tenant, ROLE.ID.eq(DSL.select(MEMBER.ROLE_ID).from(MEMBER).where(MEMBER.ACCOUNT_ID.eq(accountId))))
                .fetchOptional(RoleRepository::toRole);
    }

    private static org.jooq.SelectConditionStep<? extends Record> select(DSLContext tenant, Condition condition) {
        return tenant.select(ROLE.ID, ROLE.KEY, ROLE.NAME, ROLE.DESCRIPTION, ROLE.BUILT_IN, PERMISSIONS).from(ROLE).where(condition);
    }

    private static RoleSummary toRole(Record r) {
        return new RoleSummary(r.get(ROLE.ID), r.get(ROLE.KEY), r.get(ROLE.NAME), r.get(ROLE.DESCRIPTION),
                r.get(ROLE.BUILT_IN), Set.of(r.get(PERMISSIONS)));
    }
}
