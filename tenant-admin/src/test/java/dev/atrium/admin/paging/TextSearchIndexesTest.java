package dev.atrium.admin.paging;

import static dev.atrium.db.jooq.platform.Tables.ACCOUNT;
import static dev.atrium.db.jooq.tenant.Tables.INVITATION;
import static org.assertj.core.api.Assertions.assertThat;

import org.jooq.DSLContext;
import org.jooq.Query;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.tenancy.TenantDsl;
import dev.atrium.admin.tenancy.TenantScope;

/**
 * The text filters' conditions, as the repositories write them ({@code lower(column) LIKE '%…%'} from jOOQ's
 * containsIgnoreCase, an invitation's normalized address with contains), can be served by the trigram indexes: with
 * sequential scans off, each plan names its index (on a small table the planner would rightly scan; the benchmark
 * shows the plans at 100,000 members and 1,000,000 events). The audit log's actor filter, one index over e-mail and
 * name, is checked with its own condition in {@code AuditActorFilterTest}.
 */
@SpringBootTest
class TextSearchIndexesTest {

    @Autowired DSLContext platform;
    @Autowired TenantDsl tenantDsl;
    @Autowired TestWorkspaces teams;
    @Autowired TextSearchIndexes indexes;
    @Autowired PlatformTransactionManager transactions;

    @Test
    void textFiltersOnNamesAndAddressesUseTrigramIndexes() {
        assertThat(indexes.available()).isTrue();
        TenantScope owner = teams.newWorkspace("Tess Trigram");
        DSLContext tenant = tenantDsl.of(owner);

        assertThat(plan(platform, platform.selectFrom(ACCOUNT).where(ACCOUNT.DISPLAY_NAME.containsIgnoreCase("smith"))))
                .contains("account_name_trgm_ix");
        assertThat(plan(platform, platform.selectFrom(ACCOUNT).where(ACCOUNT.EMAIL.containsIgnoreCase("smith"))))
                .contains("account_email_trgm_ix");
        assertThat(plan(tenant, tenant.selectFrom(INVITATION).where(INVITATION.EMAIL_NORMALIZED.contains("smith"))))
                .contains("invitation_email_trgm_ix");
    }

    private String plan(DSLContext sql, Query query) {
        return new TransactionTemplate(transactions).execute(status -> {
            sql.execute("SET LOCAL enable_seqscan = off");
            return sql.explain(query).plan();
        });
    }
}
