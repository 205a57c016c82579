package dev.atrium.admin.sso;

import static dev.atrium.admin.bench.Stats.median;
import static dev.atrium.admin.bench.Stats.ms;
import static dev.atrium.admin.bench.Stats.p90;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.atrium.admin.TestIdentityProvider;
import dev.atrium.admin.bench.Report;
import dev.atrium.admin.sso.SsoWorkspaces.Setup;
import dev.atrium.admin.tenancy.TenantBinder;

/**
 * Benchmark of a just-in-time sign-in through a workspace's connection against a sign-in of an existing member, in
 * the same run on the same fresh embedded PostgreSQL. Not part of the normal build: surefire excludes
 * {@code **}{@code /*Benchmark.java} unless the {@code bench} profile is active. Run from the repository root with
 *
 * <pre>
 * ./mvnw -B -pl tenant-admin -am -Pbench test -Dsurefire.failIfNoSpecifiedTests=false -Dtest=SsoSignInBenchmark
 * </pre>
 *
 * Each sample is what Atrium does between the identity provider's checked answer and the workspace shown: {@link
 * SsoSignInService#signIn} (linking rules, just-in-time join, group mappings) and binding the workspace it lands in.
 * The protocol's own part (code exchange, ID token or SAML signature check) is the same for both and left out. The
 * two kinds are interleaved, {@value #MEASURED} each after {@value #WARM_UPS} warm-ups; the report gives medians, 90th
 * percentiles and their ratio. It asserts only that every JIT sign-in joined and no member sign-in did.
 */
@SpringBootTest
class SsoSignInBenchmark {

    static final int WARM_UPS = 20;
    static final int MEASURED = 200;
    static final int MEMBERS = 20;

    @RegisterExtension
    static final TestIdentityProvider IDP = new TestIdentityProvider();

    @Autowired SsoSignInService signIns;
    @Autowired SsoPolicyService policies;
    @Autowired SsoWorkspaces ssoWorkspaces;
    @Autowired TenantBinder binder;
    @Autowired DSLContext platform;

    private final Report report = new Report();

    @Test
    void run() {
        Setup setup = ssoWorkspaces.create("Bench", IDP.issuerUrl("bench-idp").toString());
        policies.addMapping(setup.owner(), "staff", policies.mappableRoles(setup.owner()).stream()
                .filter(role -> role.name().equals("Member")).findFirst().orElseThrow().id());
        for (int i = 0; i < MEMBERS; i++) {
            assertThat(signIn(setup, "member-" + i).joined()).isTrue();
        }
        for (int i = 0; i < WARM_UPS; i++) {
            signIn(setup, "warm-" + i);
            signIn(setup, "member-" + i % MEMBERS);
        }
        long[] jit = new long[MEASURED];
        long[] member = new long[MEASURED];
        for (int i = 0; i < MEASURED; i++) {
            long start = System.nanoTime();
            SsoSignIn joined = signIn(setup, "new-" + i);
            binder.bind(joined.account().id(), joined.workspaceSlug());
            jit[i] = System.nanoTime() - start;
            assertThat(joined.joined()).isTrue();

            start = System.nanoTime();
            SsoSignIn again = signIn(setup, "member-" + i % MEMBERS);
            binder.bind(again.account().id(), again.workspaceSlug());
            member[i] = System.nanoTime() - start;
            assertThat(again.joined()).isFalse();
        }
        report.header("Atrium SSO sign-in benchmark", platform, "");
        report.rule();
        report.line("");
        report.line("Just-in-time sign-in (new person: account, identity, membership, audit, group mapping)");
        report.line("vs. sign-in of an existing member, through the same OIDC connection; signIn + bind; times in ms");
        report.line("N = %d each (after %d warm-ups), interleaved", MEASURED, WARM_UPS);
        report.line("");
        report.line("   %-36s %8s %8s", "", "median", "p90");
        report.line("   %-36s %8.2f %8.2f", "JIT sign-in", ms(median(jit)), ms(p90(jit)));
        report.line("   %-36s %8.2f %8.2f", "existing member's sign-in", ms(median(member)), ms(p90(member)));
        report.line("");
        report.line("   ratio JIT / existing member (median) %8.2f", median(jit) / median(member));
        report.line("   ratio JIT / existing member (p90)    %8.2f", p90(jit) / p90(member));
        report.print();
    }

    private SsoSignIn signIn(Setup setup, String subject) {
        return signIns.signIn(setup.workspaceId(), new SsoIdentity(setup.connection().issuer(), subject,
                subject + "@" + setup.domain(), true, subject, null, List.of("staff"), List.of("pwd")));
    }
}
