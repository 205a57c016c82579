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
 * The audit log's actor filter finds events by part of the actor's name or e-mail address: it looks the matching actors
 * up in the workspace's actor table, then reads each one's events from the actor key index (tenant changelog 028), so
 * that an actor's events are found without testing every event.
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
    void theActorFilterReadsTheMatchingActorsEventsFromTheActorKeyIndex() {
        TenantScope owner = teams.newWorkspace("Indexed Actor");
        teams.join(owner, "Other Person", "member");
        DSLContext tenant = tenantDsl.of(owner);
        String query = tenant.renderInlined(tenant.select(AUDIT_EVENT.SEQ).from(AUDIT_EVENT)
                .where(AuditRepository.matching(tenant, new AuditFilter("indexed", null, null, null, null, null)))
                .orderBy(AUDIT_EVENT.SEQ.desc()).limit(50));
        assertThat(query).as("the one matching actor's key, looked up first").contains("in ('indexed.actor-");
        List<String> plan = new TransactionTemplate(transactionManager).execute(status -> {
            // Without sequential scans and bitmaps, only the events' primary key, tested event by event, or the
            // actor key index can answer; the cost of the first grows with the log.
            tenant.execute("SET LOCAL enable_seqscan = off");
            tenant.execute("SET LOCAL enable_bitmapscan = off");
            return tenant.fetch("EXPLAIN " + query).getValues(0, String.class);
        });
        assertThat(String.join("\n", plan)).contains("audit_event_actor_key_ix");
    }

    @Test
    void anActorNoEventNamesFindsNothingWithoutReadingTheLog() {
        TenantScope owner = teams.newWorkspace("Lone Actor");
        DSLContext tenant = tenantDsl.of(owner);
        String query = tenant.renderInlined(tenant.select(AUDIT_EVENT.SEQ).from(AUDIT_EVENT)
                .where(AuditRepository.matching(tenant, new AuditFilter("nobody", null, null, null, null, null))));
        assertThat(String.join("\n", tenant.fetch("EXPLAIN " + query).getValues(0, String.class))).contains("One-Time Filter: false");
        assertThat(actors(owner, "nobody")).isEmpty();
    }

    private List<String> actors(TenantScope scope, String text) {
        return audit.page(scope, new AuditFilter(text, null, null, null, null, null), null, null, 50).events().stream()
                .map(AuditEvent::actorName).toList();
    }
}
