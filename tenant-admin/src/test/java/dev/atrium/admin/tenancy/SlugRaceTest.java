package dev.atrium.admin.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.atrium.admin.TestAccounts;
import dev.atrium.admin.workspace.WorkspaceService;
import dev.atrium.admin.workspace.WorkspaceValidationException;

/**
 * Two people creating a workspace with the same address at the same moment: one gets it, the other the typed
 * refusal ({@code workspace.slug.taken}), and the loser's schema does not remain (its transaction rolled back).
 */
@SpringBootTest
class SlugRaceTest {

    private static final int ROUNDS = 10;

    @Autowired WorkspaceService workspaces;
    @Autowired DSLContext platform;
    @Autowired TestAccounts accounts;

    @Test
    void twoCreatesOfOneAddressAtOnceMakeOneWorkspaceAndRefuseTheOther() throws Exception {
        int broken = 0;
        List<String> brokenRounds = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
            for (int round = 0; round < ROUNDS; round++) {
                String slug = TestAccounts.uniqueSlug("race");
                UUID first = accounts.newAccount("Racer A" + round).id();
                UUID second = accounts.newAccount("Racer B" + round).id();
                int schemasBefore = SchemaAssertions.schemasNamedLike(platform, TenantProvisioner.SCHEMA_PREFIX);
                CyclicBarrier start = new CyclicBarrier(2);
                Future<String> a = threads.submit(() -> create(start, first, slug));
                Future<String> b = threads.submit(() -> create(start, second, slug));
                List<String> outcomes = List.of(a.get(), b.get());
                boolean oneWonOneRefused = outcomes.contains("created") && outcomes.contains("workspace.slug.taken");
                boolean oneSchemaMore = SchemaAssertions.schemasNamedLike(platform, TenantProvisioner.SCHEMA_PREFIX) == schemasBefore + 1;
                if (!oneWonOneRefused || !oneSchemaMore) {
                    broken++;
                    brokenRounds.add(round + ": " + outcomes + ", schemas +"
                            + (SchemaAssertions.schemasNamedLike(platform, TenantProvisioner.SCHEMA_PREFIX) - schemasBefore));
                }
            }
        }
        assertThat(brokenRounds).as("%d of %d rounds broken", broken, ROUNDS).isEmpty();
    }

    private String create(CyclicBarrier start, UUID owner, String slug) throws Exception {
        start.await();
        try {
            workspaces.create(owner, "Race " + slug, slug);
            return "created";
        } catch (WorkspaceValidationException refused) {
            return refused.problems().getFirst().reason().code();
        }
    }
}
