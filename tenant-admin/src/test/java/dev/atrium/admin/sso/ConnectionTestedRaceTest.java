package dev.atrium.admin.sso;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.atrium.admin.Races;
import dev.atrium.admin.TestIdentityProvider;
import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.audit.AuditActions;
import dev.atrium.admin.audit.AuditEvent;
import dev.atrium.admin.audit.AuditFilter;
import dev.atrium.admin.audit.AuditLogService;
import dev.atrium.admin.refusal.AtriumRefusal;
import dev.atrium.admin.tenancy.TenantScope;

/**
 * "Enabling needs a successful test since the settings last changed", with another admin saving new settings at the
 * same moment. Enabling checks the test under the connection's row lock, which a save takes too: with the check made
 * before taking the lock, 3 of 20 races (in each of two runs) enabled the connection after a save had made it
 * untested; under the lock, 0 of 20. (That a test's success counts only for the settings it tested is decided by one
 * conditional update; {@code SsoConnectionTestsTest.aSuccessCountsOnlyForTheSettingsItTested} fails without the
 * condition.) A test's answer arriving while another admin deletes the connection broke off with an unexpected error
 * whenever the deletion went first (16 of 20 races); refused as {@code sso.not-configured} under the lock, 0 of 20.
 */
@SpringBootTest
class ConnectionTestedRaceTest {

    private static final int RACES = 20;
    @RegisterExtension
    static final TestIdentityProvider IDP = new TestIdentityProvider();

    @Autowired SsoService sso;
    @Autowired SsoConnectionTests tests;
    @Autowired TestWorkspaces teams;
    @Autowired AuditLogService audit;

    @Test
    void aConnectionIsNeverEnabledAfterASaveMadeItUntested() {
        TenantScope owner = teams.newWorkspace("Sam");
        TenantScope admin = teams.join(owner, "Bea", "admin");
        sso.save(owner, draft(owner, "client-0", "secret"));
        int violations = 0;
        for (int i = 1; i <= RACES; i++) {
            if (sso.connection(owner).orElseThrow().enabled()) {
                sso.disable(owner);
            }
            tests.succeeded(tests.start(owner), owner.accountId(), Map.of("sub", "sam"));
            String clientId = "client-" + i;
            List<Throwable> outcomes = Races.run(() -> sso.enable(owner), () -> sso.save(admin, draft(owner, clientId, "")));
            assertThat(outcomes.get(1)).isNull();
            if (outcomes.get(0) == null) {
                // Enabled: it must have happened before the save, on the tested settings.
                if (last(owner, AuditActions.SSO_CONNECTION_ENABLED).seq() > last(owner, AuditActions.SSO_CONNECTION_UPDATED).seq()) {
                    violations++;
                }
            } else {
                assertThat(outcomes.get(0)).isInstanceOfSatisfying(AtriumRefusal.class,
                        refusal -> assertThat(refusal.code()).isEqualTo("sso.not-tested"));
            }
        }
        assertThat(violations).as(Races.rate("a connection is enabled only with tested settings", violations, RACES)).isZero();
    }

    /**
     * A test's answer coming back while another admin deletes the connection: it counts before the deletion, or is
     * refused as the connection being gone, never an unexpected error (the callback's error page).
     */
    @Test
    void aTestFinishingWhileTheConnectionIsDeletedCountsBeforeItOrIsRefused() {
        TenantScope owner = teams.newWorkspace("Rui");
        TenantScope admin = teams.join(owner, "Liv", "admin");
        int violations = 0;
        for (int i = 0; i < RACES; i++) {
            sso.save(owner, draft(owner, "client-" + i, "secret"));
            SsoTestTicket ticket = tests.start(owner);
            List<Throwable> outcomes = Races.run(() -> tests.succeeded(ticket, owner.accountId(), Map.of("sub", "rui")),
                    () -> sso.delete(admin));
            assertThat(outcomes.get(1)).isNull();
            if (outcomes.get(0) == null) {
                assertThat(last(owner, AuditActions.SSO_CONNECTION_TESTED).seq())
                        .isLessThan(last(owner, AuditActions.SSO_CONNECTION_DELETED).seq());
            } else if (!(outcomes.get(0) instanceof AtriumRefusal refusal && refusal.code().equals("sso.not-configured"))) {
                violations++;
            }
        }
        assertThat(violations).as(Races.rate("a test finishing during a deletion counts before it or is refused", violations, RACES))
                .isZero();
    }

    private AuditEvent last(TenantScope scope, String action) {
        return audit.page(scope, new AuditFilter(null, action, null, null, null, null), null, null, 1).events().getFirst();
    }

    private SsoConnectionDraft draft(TenantScope owner, String clientId, String secret) {
        return new SsoConnectionDraft(SsoPreset.CUSTOM, IDP.issuerUrl("race-" + owner.slug()).toString(), clientId, secret,
                "openid email", teams.roleId(owner, "member"));
    }

}
