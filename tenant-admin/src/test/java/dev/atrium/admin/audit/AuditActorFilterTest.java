package dev.atrium.admin.audit;

import static dev.atrium.db.jooq.tenant.Tables.AUDIT_EVENT;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.tenancy.TenantDsl;
import dev.atrium.admin.tenancy.TenantScope;

/**
 * The audit log's actor filter finds events by part of the actor's name or e-mail address, and its query is the one
 * the actor trigram index (tenant changelog 026) serves, so that a rare actor is found without reading the log.
 */
@SpringBootTest
class AuditActorFilterTest {

    @Autowired AuditLogService audit;
    @Autowired TestWorkspaces teams;
    @Autowired TenantDsl tenantDsl;
    @Autowired PlatformTransactionManager transactionManager;

    @Test
    void findsTheEventsOfTheActorWhoseNameOrAddressContainsTheText() {
        TenantScope owner = teams.newWorkspace("Aurelia Virtanen");
        TenantScope bo = teams.join(owner, "Bo Okafor", "member");

        assertThat(actors(owner, "VIRTANEN")).isNotEmpty().containsOnly("Aurelia Virtanen");
        assertThat(actors(owner, "bo.okafor-")).isNotEmpty().containsOnly("Bo Okafor");
        assertThat(actors(owner, "okafor")).containsOnly("Bo Okafor");
        assertThat(actors(owner, "example.test")).contains("Aurelia Virtanen", "Bo Okafor");
        assertThat(actors(owner, "Nobody Else")).isEmpty();
        assertThat(bo.accountId()).isNotEqualTo(owner.accountId());
    }

    @Test
    void theActorFilterIsAnsweredFromTheActorTrigramIndex() {
        TenantScope owner = teams.newWorkspace("Indexed Actor");
        DSLContext tenant = tenantDsl.of(owner);
        String query = tenant.renderInlined(tenant.select(AUDIT_EVENT.SEQ).from(AUDIT_EVENT)
                .where(AuditRepository.matching(new AuditFilter("indexed", null, null, null, null, null))));
        List<String> plan = new TransactionTemplate(transactionManager).execute(status -> {
            // Without sequential and plain index scans, only an index whose expression matches the filter's can answer.
            tenant.execute("SET LOCAL enable_seqscan = off");
            tenant.execute("SET LOCAL enable_indexscan = off");
            return tenant.fetch("EXPLAIN " + query).getValues(0, String.class);
        });
        assertThat(String.join("\n", plan)).contains("audit_event_actor_trgm_ix").doesNotContain("Seq Scan");
    }

    private List<String> actors(TenantScope scope, String text) {
        return audit.page(scope, new AuditFilter(text, null, null, null, null, null), null, null, 50).events().stream()
                .map(AuditEvent::actorName).toList();
    }
}
