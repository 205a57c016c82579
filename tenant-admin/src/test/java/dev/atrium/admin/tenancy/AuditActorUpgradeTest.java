package dev.atrium.admin.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import javax.sql.DataSource;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.ResourceLoader;

import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.audit.AuditEvent;
import dev.atrium.admin.audit.AuditFilter;
import dev.atrium.admin.audit.AuditLogService;

/**
 * A workspace whose events were recorded before tenant changelog 028 gets their actors listed by it: the actor filter,
 * which looks actors up in that list first, still finds every event recorded before the upgrade.
 */
@SpringBootTest
class AuditActorUpgradeTest {

    @Autowired DataSource dataSource;
    @Autowired ResourceLoader resourceLoader;
    @Autowired DSLContext platform;
    @Autowired TestWorkspaces teams;
    @Autowired AuditLogService audit;
    @Value("${atrium.tenants.host-changelog}") String hostChangelog;

    @Test
    void theUpgradeListsTheActorsOfTheEventsRecordedBeforeIt() {
        TenantScope owner = teams.newWorkspace("Una Before");
        teams.join(owner, "Ulla Earlier", "member");
        String schema = owner.schemaName();
        // The workspace as it was before 028: neither the actor list nor the actor key index, nor their history rows.
        platform.dropTable(DSL.name(schema, "audit_actor")).execute();
        platform.execute("DROP INDEX {0}", DSL.name(schema, "audit_event_actor_key_ix"));
        platform.deleteFrom(DSL.table(DSL.name(schema, "databasechangelog")))
                .where(DSL.field(DSL.name("id"), String.class).in("audit-actor-keys", "audit-actor-trigram-index")).execute();

        SchemaMigrator.forTenants(dataSource, resourceLoader, hostChangelog).update(schema);

        assertThat(actors(owner, "ulla")).isNotEmpty().containsOnly("Ulla Earlier");
        assertThat(actors(owner, "una before")).isNotEmpty().containsOnly("Una Before");
    }

    private List<String> actors(TenantScope scope, String text) {
        return audit.page(scope, new AuditFilter(text, null, null, null, null, null), null, null, 50).events().stream()
                .map(AuditEvent::actorName).toList();
    }
}
