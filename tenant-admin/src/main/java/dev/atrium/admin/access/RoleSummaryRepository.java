package dev.atrium.admin.access;

import static dev.atrium.db.jooq.tenant.Tables.ROLE;
import static dev.atrium.db.jooq.tenant.Tables.ROLE_PERMISSION;

import java.util.List;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectConditionStep;
import org.jooq.SelectField;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/**
 * How a role is read into a {@link RoleSummary}, for every repository that reads roles: its columns with a custom
 * role's stored permissions (one array per role, in the same statement), and a built-in role's permissions from the
 * catalog.
 */
@Repository
public class RoleSummaryRepository {

    private static final Field<String[]> STORED_PERMISSIONS = DSL.array(
            DSL.select(ROLE_PERMISSION.PERMISSION).from(ROLE_PERMISSION)
                    .where(ROLE_PERMISSION.ROLE_ID.eq(ROLE.ID)).orderBy(ROLE_PERMISSION.PERMISSION)).as("permissions");

    /** What {@link #toRole} reads, for a select list with more columns. */
    public static final List<SelectField<?>> COLUMNS = List.of(ROLE.ID, ROLE.KEY, ROLE.NAME, ROLE.DESCRIPTION, ROLE.BUILT_IN,
            STORED_PERMISSIONS);

    private final PermissionCatalog catalog;

    RoleSummaryRepository(PermissionCatalog catalog) {
        this.catalog = catalog;
    }

    /** The workspace's roles that meet the condition. */
    public SelectConditionStep<Record> select(DSLContext tenant, Condition condition) {
        return tenant.select(COLUMNS).from(ROLE).where(condition);
    }

    public RoleSummary toRole(Record r) {
        return catalog.role(r.get(ROLE.ID), r.get(ROLE.KEY), r.get(ROLE.NAME), r.get(ROLE.DESCRIPTION), r.get(ROLE.BUILT_IN),
                r.get(STORED_PERMISSIONS));
    }
}
