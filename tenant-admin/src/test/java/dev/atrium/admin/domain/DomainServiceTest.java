package dev.atrium.admin.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.IDN;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.atrium.admin.Refusals;
import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.access.PermissionDeniedException;
import dev.atrium.admin.access.Permissions;
import dev.atrium.admin.access.RoleSummary;
import dev.atrium.admin.audit.AuditActions;
import dev.atrium.admin.audit.AuditEvent;
import dev.atrium.admin.audit.AuditFilter;
import dev.atrium.admin.audit.AuditLogService;
import dev.atrium.admin.dns.TestDns;
import dev.atrium.admin.member.MemberService;
import dev.atrium.admin.role.RoleDraft;
import dev.atrium.admin.role.RoleService;
import dev.atrium.admin.tenancy.Actor;
import dev.atrium.admin.tenancy.TenantBinder;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.time.MutableClock;

/** Verified domains on real PostgreSQL, looked up with dnsjava at the in-process {@link TestDns}. */
@SpringBootTest
class DomainServiceTest {

    @Autowired DomainService domains;
    @Autowired DomainRecheckSchedule recheckSchedule;
    @Autowired TestWorkspaces teams;
    @Autowired TestDns dns;
    @Autowired AuditLogService audit;
    @Autowired RoleService roles;
    @Autowired MemberService members;
    @Autowired TenantBinder binder;
    @Autowired MutableClock clock;

    @Test
    void anAddedDomainIsNormalisedPendingAndShowsItsTxtRecordWithAFreshChallenge() {
        TenantScope owner = teams.newWorkspace("Nora");
        String domain = unique("example");

        WorkspaceDomain added = domains.add(owner, "  " + domain.toUpperCase() + ". ");

        assertThat(added.domain()).isEqualTo(domain);
        assertThat(added.status()).isEqualTo(DomainStatus.PENDING);
        assertThat(added.recordName()).isEqualTo("_atrium-challenge." + domain);
        assertThat(added.recordValue()).startsWith("atrium-domain-verification=");
        // 32 random bytes, base64url without padding.
        assertThat(added.challenge()).matches("[A-Za-z0-9_-]{43}");
        WorkspaceDomain other = domains.add(owner, "sub." + domain);
        assertThat(other.challenge()).isNotEqualTo(added.challenge());
        assertThat(domains.domains(owner)).extracting(WorkspaceDomain::domain).containsExactly(domain, "sub." + domain);
        assertThat(lastEvent(owner, AuditActions.DOMAIN_ADDED).target().label()).isEqualTo("sub." + domain);

        String international = "bücher-" + UUID.randomUUID().toString().substring(0, 8) + ".de";
        assertThat(domains.add(owner, international).domain()).isEqualTo(IDN.toASCII(international)).startsWith("xn--");
        assertThatThrownBy(() -> domains.add(owner, domain)).satisfies(Refusals.reason("domain.already-added", domain));
    }

    @Test
    void badSyntaxIpAddressesAndBarePublicSuffixesAreRefusedAndNothingIsStored() {
        TenantScope owner = teams.newWorkspace("Sid");

        assertThatThrownBy(() -> domains.add(owner, "  ")).satisfies(Refusals.code("domain.missing"));
        for (String bad : List.of("exa mple.com", "localhost", "-lead.example", "trail-.example", "a..example", "example.123",
                "https://example.com", "a@example.com", "x".repeat(64) + ".example")) {
            assertThatThrownBy(() -> domains.add(owner, bad)).as(bad).satisfies(Refusals.code("domain.invalid"));
        }
        for (String ip : List.of("192.168.1.10", "10.0.0.1.", "::1", "2001:db8::1")) {
            assertThatThrownBy(() -> domains.add(owner, ip)).as(ip).satisfies(Refusals.code("domain.ip-address"));
        }
        assertThatThrownBy(() -> domains.add(owner, "co.uk")).satisfies(Refusals.reason("domain.public-suffix", "co.uk"));
        assertThatThrownBy(() -> domains.add(owner, "com.au")).satisfies(Refusals.english(
                "com.au is shared by many owners; enter your own domain under it."));
        assertThat(domains.domains(owner)).isEmpty();
    }

    @Test
    void freeMailAndDisposableDomainsAndNamesUnderThemAreRefused() {
        TenantScope owner = teams.newWorkspace("Fay");

        for (String blocked : List.of("gmail.com", "GMail.com.", "outlook.com", "proton.me", "web.de", "mailinator.com",
                "guerrillamail.com", "inbox.mailinator.com")) {
            assertThatThrownBy(() -> domains.add(owner, blocked)).as(blocked).satisfies(Refusals.code("domain.blocked"));
        }
        assertThatThrownBy(() -> domains.add(owner, "gmail.com")).satisfies(Refusals.english(
                "gmail.com is a free-mail or disposable-mail domain; it cannot be claimed."));
        // Not blocked by a mere suffix match: another registrable name that ends the same way.
        assertThat(domains.add(owner, unique("notgmail")).status()).isEqualTo(DomainStatus.PENDING);
        assertThat(domains.domains(owner)).hasSize(1);
    }

    @Test
    void verifySucceedsOnlyWhenTheRightTxtValueIsPublishedAtTheChallengeName() {
        TenantScope owner = teams.newWorkspace("Vera");
        WorkspaceDomain domain = domains.add(owner, unique("verify"));

        assertThat(domains.verify(owner, domain.id()).status()).isEqualTo(DomainStatus.PENDING);
        assertThat(lastEvent(owner, AuditActions.DOMAIN_VERIFICATION_FAILED).target().label()).isEqualTo(domain.domain());

        dns.publish(domain.recordName(), "atrium-domain-verification=someone-elses-token");
        dns.publish(domain.domain(), domain.recordValue());
        assertThat(domains.verify(owner, domain.id()).verified()).as("wrong value, or right value at the wrong name").isFalse();

        dns.publish(domain.recordName(), domain.recordValue());
        OffsetDateTime before = now();
        WorkspaceDomain verified = domains.verify(owner, domain.id());

        assertThat(verified.status()).isEqualTo(DomainStatus.VERIFIED);
        assertThat(verified.verifiedAt()).isBetween(before, now());
        assertThat(domains.domains(owner)).singleElement().extracting(WorkspaceDomain::status).isEqualTo(DomainStatus.VERIFIED);
        AuditEvent event = lastEvent(owner, AuditActions.DOMAIN_VERIFIED);
        assertThat(event.actorId()).isEqualTo(owner.accountId());
        assertThat(event.after()).contains(domain.recordName());
    }

    @Test
    void aDomainVerifiedByOneWorkspaceIsRefusedToOthersUntilRemovedWhilePendingClaimsMayCoexist() {
        TenantScope first = teams.newWorkspace("Fred");
        TenantScope second = teams.newWorkspace("Sue");
        TenantScope third = teams.newWorkspace("Tom");
        String name = unique("contested");
        WorkspaceDomain firstClaim = domains.add(first, name);
        WorkspaceDomain secondClaim = domains.add(second, name);
        dns.publish(firstClaim.recordName(), firstClaim.recordValue());
        dns.publish(secondClaim.recordName(), secondClaim.recordValue());

        assertThat(domains.verify(first, firstClaim.id()).verified()).isTrue();

        assertThatThrownBy(() -> domains.verify(second, secondClaim.id()))
                .isInstanceOf(DomainException.class).satisfies(Refusals.reason(DomainException.VERIFIED_ELSEWHERE, name))
                .satisfies(Refusals.english("Another workspace has already verified " + name + ". It stays theirs until they remove it."));
        assertThat(domains.domains(second)).singleElement().extracting(WorkspaceDomain::status).isEqualTo(DomainStatus.PENDING);
        assertThatThrownBy(() -> domains.add(third, name)).satisfies(Refusals.code(DomainException.VERIFIED_ELSEWHERE));
        assertThat(domains.domains(first)).singleElement().extracting(WorkspaceDomain::status).isEqualTo(DomainStatus.VERIFIED);

        domains.remove(first, firstClaim.id());
        assertThat(lastEvent(first, AuditActions.DOMAIN_REMOVED).target().label()).isEqualTo(name);
        assertThat(domains.domains(first)).isEmpty();
        assertThat(domains.verify(second, secondClaim.id()).verified()).isTrue();
    }

    @Test
    void aReCheckUnverifiesADomainWhoseRecordIsGoneWithTheReasonAndTimeAuditedAsTheSystem() {
        TenantScope owner = teams.newWorkspace("Rita");
        WorkspaceDomain kept = domains.add(owner, unique("kept"));
        WorkspaceDomain dropped = domains.add(owner, unique("dropped"));
        for (WorkspaceDomain domain : List.of(kept, dropped)) {
            dns.publish(domain.recordName(), domain.recordValue());
            domains.verify(owner, domain.id());
        }

        clock.advance(Duration.ofHours(1));
        dns.withdraw(dropped.recordName());
        OffsetDateTime recheckedAt = now();
        recheckSchedule.recheckAll();

        assertThat(domains.domains(owner)).filteredOn(d -> d.id().equals(kept.id())).singleElement()
                .extracting(WorkspaceDomain::status).isEqualTo(DomainStatus.VERIFIED);
        WorkspaceDomain unverified = domains.domains(owner).stream().filter(d -> d.id().equals(dropped.id())).findFirst().orElseThrow();
        assertThat(unverified.status()).isEqualTo(DomainStatus.UNVERIFIED);
        assertThat(unverified.unverifiedReason()).isEqualTo(WorkspaceDomain.REASON_RECORD_GONE);
        assertThat(unverified.unverifiedAt()).isBetween(recheckedAt, now());
        AuditEvent event = lastEvent(owner, AuditActions.DOMAIN_UNVERIFIED);
        assertThat(event.actorKind()).isEqualTo(Actor.Kind.SYSTEM);
        assertThat(event.target().label()).isEqualTo(dropped.domain());

        assertThat(domains.recheck(binder.bindSystem(owner.workspaceId()))).as("already unverified: nothing more to do").isZero();
        dns.publish(dropped.recordName(), dropped.recordValue());
        WorkspaceDomain again = domains.verify(owner, dropped.id());
        assertThat(again.status()).isEqualTo(DomainStatus.VERIFIED);
        assertThat(again.unverifiedReason()).isNull();
    }

    @Test
    void onlyHoldersOfManageSsoSeeOrChangeDomainsAndOnlyTheSystemReChecks() {
        TenantScope owner = teams.newWorkspace("Pam");
        TenantScope admin = teams.join(owner, "Adam", "admin");
        TenantScope member = teams.join(owner, "Mo", "member");
        TenantScope delegate = teams.join(owner, "Dee", "member");
        RoleSummary ssoRole = roles.create(owner, new RoleDraft("SSO admin", "", Set.of(Permissions.WORKSPACE_MANAGE_SSO)));
        members.changeRole(owner, delegate.accountId(), ssoRole.id());
        WorkspaceDomain domain = domains.add(admin, unique("perm"));

        assertThatThrownBy(() -> domains.domains(member)).isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> domains.add(member, unique("nope"))).isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> domains.verify(member, domain.id())).isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> domains.remove(member, domain.id())).isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> domains.recheck(owner)).isInstanceOf(PermissionDeniedException.class);

        assertThat(domains.domains(delegate)).extracting(WorkspaceDomain::id).containsExactly(domain.id());
        domains.remove(delegate, domain.id());
        assertThat(domains.domains(owner)).isEmpty();
    }

    @Test
    void aWorkspaceCannotReachAnotherWorkspacesDomainById() {
        TenantScope mine = teams.newWorkspace("Mia");
        TenantScope theirs = teams.newWorkspace("Theo");
        WorkspaceDomain domain = domains.add(theirs, unique("theirs"));

        assertThatThrownBy(() -> domains.verify(mine, domain.id())).satisfies(Refusals.code("domain.gone"));
        assertThatThrownBy(() -> domains.remove(mine, domain.id())).satisfies(Refusals.code("domain.gone"));
        assertThat(domains.domains(theirs)).hasSize(1);
    }

    private AuditEvent lastEvent(TenantScope scope, String action) {
        return audit.page(scope, new AuditFilter(null, action, null, null, null, null), null, null, 1).events().getFirst();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    }

    static String unique(String label) {
        return label + "-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
    }
}
