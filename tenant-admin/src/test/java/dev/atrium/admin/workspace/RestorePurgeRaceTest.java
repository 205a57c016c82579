package dev.atrium.admin.workspace;

import static dev.atrium.db.jooq.platform.Tables.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.atrium.admin.Races;
import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.member.MemberService;
import dev.atrium.admin.refusal.AtriumRefusal;
import dev.atrium.admin.tenancy.TenantBinder;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.time.MutableClock;

/**
 * An Owner's restore and the purge job at the grace boundary, on real threads released together: exactly one wins.
 * Either the workspace is restored, bound again and its schema intact, or it is dropped and the restore refused with
 * a typed code; never "restored" with a dropped schema, and never neither (once the job has run again).
 */
@SpringBootTest
class RestorePurgeRaceTest {

    private static final int RACES = 20;
    private static final Set<String> REFUSED_RESTORE = Set.of(WorkspaceDeletionException.GRACE_OVER, "workspace.not-found");

    @Autowired WorkspaceDeletionService deletions;
    @Autowired TestWorkspaces teams;
    @Autowired TenantBinder binder;
    @Autowired MemberService members;
    @Autowired MutableClock clock;
    @Autowired DSLContext platform;

    @Test
    void aRestoreAndThePurgeAtTheGraceBoundaryEndInExactlyOneOutcome() {
        int violations = 0;
        int restored = 0;
        int purged = 0;
        for (int i = 0; i < RACES; i++) {
            TenantScope owner = teams.newWorkspace("Boundary " + i);
            String schema = schemaOf(owner);
            OffsetDateTime purgeAfter = deletions.delete(owner, owner.workspaceName());
            // The boundary falls from a little before to a little after the moment both are released.
            Duration untilBoundary = Duration.between(clock.instant(), purgeAfter.toInstant()).minusMillis(2L * i - 10);
            clock.advance(untilBoundary.isNegative() ? Duration.ZERO : untilBoundary);

            List<Throwable> outcomes = Races.run(() -> deletions.restore(owner.accountId(), owner.workspaceId()),
                    deletions::purgeDue);
            assertThat(outcomes.get(1)).as("the purge job itself never fails").isNull();
            // The job's next run: a workspace not restored is dropped by then.
            deletions.purgeDue();

            Throwable restore = outcomes.get(0);
            boolean schemaLeft = schemaExists(schema);
            boolean rowLeft = platform.fetchExists(WORKSPACE, WORKSPACE.ID.eq(owner.workspaceId()));
            if (restore == null) {
                restored++;
                boolean intact = schemaLeft && rowLeft && members.find(binder.bind(owner.accountId(), owner.slug()), owner.accountId()).isPresent();
                if (!intact) {
                    violations++;
                }
            } else {
                purged++;
                boolean typed = restore instanceof AtriumRefusal refusal && REFUSED_RESTORE.contains(refusal.code());
                if (!typed || schemaLeft || rowLeft) {
                    violations++;
                }
            }
        }
        System.out.println("[race] restore won " + restored + ", purge won " + purged + " of " + RACES);
        assertThat(violations).as(Races.rate("a restore and a purge at the boundary end in exactly one outcome", violations, RACES))
                .isZero();
    }

    private String schemaOf(TenantScope scope) {
        return platform.fetchSingle("select schema_name from platform.workspace where id = ?", scope.workspaceId()).get(0, String.class);
    }

    private boolean schemaExists(String schema) {
        return platform.fetchExists(platform.selectOne().from("information_schema.schemata").where("schema_name = ?", schema));
    }
}
