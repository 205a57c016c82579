package dev.atrium.admin.joinlink;

import static dev.atrium.admin.TestWorkspaces.tokenOf;
import static dev.atrium.db.jooq.platform.Tables.JOIN_LINK_TOKEN;
import static dev.atrium.db.jooq.tenant.Tables.JOIN_LINK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.atrium.admin.TestAccounts;
import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.access.PermissionDeniedException;
import dev.atrium.admin.account.Account;
import dev.atrium.admin.account.AccountService;
import dev.atrium.admin.account.OidcIdentity;
import dev.atrium.admin.audit.AuditActions;
import dev.atrium.admin.audit.AuditEvent;
import dev.atrium.admin.audit.AuditFilter;
import dev.atrium.admin.audit.AuditLogService;
import dev.atrium.admin.domain.DomainException;
import dev.atrium.admin.joinlink.JoinLinkPage.State;
import dev.atrium.admin.member.MemberService;
import dev.atrium.admin.tenancy.TenantBinder;
import dev.atrium.admin.tenancy.TenantDsl;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.time.MutableClock;

/** The rules of join links, each on a real database: creating, the page's verdicts, joining, revoking and what is audited and stored. */
@SpringBootTest
class JoinLinkServiceTest {

    @Autowired JoinLinkService joinLinks;
    @Autowired MemberService members;
    @Autowired AuditLogService audit;
    @Autowired AccountService accountService;
    @Autowired TestWorkspaces teams;
    @Autowired TestAccounts accounts;
    @Autowired TenantBinder binder;
    @Autowired MutableClock clock;
    @Autowired DSLContext platform;
    @Autowired TenantDsl tenantDsl;

    @Test
    void theExpiryMustBeFromOneToThirtyDays() {
        TenantScope owner = teams.newWorkspace("Edda");
        UUID member = teams.roleId(owner, "member");
        for (int days : new int[] {0, 31, -1}) {
            assertThatThrownBy(() -> joinLinks.create(owner, new JoinLinkDraft(member, days, null, "")))
                    .isInstanceOfSatisfying(JoinLinkException.class, e -> assertThat(e.reason().code()).isEqualTo("joinlink.expiry-days"));
        }
        assertThat(joinLinks.create(owner, new JoinLinkDraft(member, 1, null, "")).link().status()).isEqualTo(JoinLinkStatus.ACTIVE);
        assertThat(joinLinks.create(owner, new JoinLinkDraft(member, 30, null, "")).link().status()).isEqualTo(JoinLinkStatus.ACTIVE);
        assertThat(joinLinks.list(owner)).hasSize(2);
    }

    @Test
    void aLinkNeverMakesOwnersNorGivesMoreThanItsCreatorMayGive() {
        TenantScope owner = teams.newWorkspace("Olga");
        assertThatThrownBy(() -> joinLinks.create(owner, new JoinLinkDraft(teams.roleId(owner, "owner"), 7, null, "")))
                .isInstanceOfSatisfying(JoinLinkException.class, e -> assertThat(e.reason().code()).isEqualTo("joinlink.owner-role"));
        TenantScope member = teams.join(owner, "Mats", "member");
        assertThatThrownBy(() -> joinLinks.create(member, new JoinLinkDraft(teams.roleId(owner, "member"), 7, null, "")))
                .isInstanceOf(PermissionDeniedException.class);
        assertThat(joinLinks.list(owner)).isEmpty();
    }

    @Test
    void theMostUsesAreALimitAndWhatIsLeftIsShown() {
        TenantScope owner = teams.newWorkspace("Maxi");
        assertThatThrownBy(() -> joinLinks.create(owner, new JoinLinkDraft(teams.roleId(owner, "member"), 7, 0, "")))
                .isInstanceOfSatisfying(JoinLinkException.class, e -> assertThat(e.reason().code()).isEqualTo("joinlink.max-uses"));
        CreatedJoinLink link = joinLinks.create(owner, new JoinLinkDraft(teams.roleId(owner, "member"), 7, 2, ""));
        joinLinks.join(tokenOf(link.url()), accounts.newAccount("First").id());
        assertThat(only(owner).remainingUses()).isEqualTo(1);
        joinLinks.join(tokenOf(link.url()), accounts.newAccount("Second").id());
        Account third = accounts.newAccount("Third");

        assertThat(joinLinks.open(tokenOf(link.url()), third.id()).state()).isEqualTo(State.USED_UP);
        assertThatThrownBy(() -> joinLinks.join(tokenOf(link.url()), third.id()))
                .isInstanceOfSatisfying(JoinLinkException.class, e -> assertThat(e.reason().code()).isEqualTo("joinlink.used-up"));
        assertThat(members.find(owner, third.id())).isEmpty();
        JoinLink after = only(owner);
        assertThat(after.uses()).isEqualTo(2);
        assertThat(after.remainingUses()).isZero();
        assertThat(after.status()).isEqualTo(JoinLinkStatus.USED_UP);
    }

    @Test
    void joiningMakesAMemberWithTheLinksRoleAndIsAuditedWithTheJoiningAccount() {
        TenantScope owner = teams.newWorkspace("Jana");
        CreatedJoinLink link = joinLinks.create(owner, new JoinLinkDraft(teams.roleId(owner, "admin"), 7, null, ""));
        Account joiner = accounts.newAccount("Joe");
        JoinLinkPage page = joinLinks.open(tokenOf(link.url()), joiner.id());
        assertThat(page.state()).isEqualTo(State.VALID);
        assertThat(page.workspaceName()).isEqualTo(owner.workspaceName());
        assertThat(page.roleName()).isEqualTo("Admin");

        assertThat(joinLinks.join(tokenOf(link.url()), joiner.id())).isEqualTo(owner.slug());

        assertThat(members.find(owner, joiner.id()).orElseThrow().roleId()).isEqualTo(teams.roleId(owner, "admin"));
        assertThat(binder.scopesOf(joiner.id())).extracting(TenantScope::slug).contains(owner.slug());
        AuditEvent used = events(owner, AuditActions.JOINLINK_USED).getFirst();
        assertThat(used.actorId()).isEqualTo(joiner.id());
        assertThat(used.target().id()).isEqualTo(link.link().id().toString());
        assertThat(events(owner, AuditActions.MEMBER_JOINED).getFirst().actorId()).isEqualTo(joiner.id());
        AuditEvent created = events(owner, AuditActions.JOINLINK_CREATED).getFirst();
        assertThat(created.actorId()).isEqualTo(owner.accountId());
        assertThat(created.after()).contains("Admin").doesNotContain(tokenOf(link.url()));
    }

    @Test
    void aMemberAlreadyIsToldSoAndNoUseIsCounted() {
        TenantScope owner = teams.newWorkspace("Anke");
        CreatedJoinLink link = joinLinks.create(owner, new JoinLinkDraft(teams.roleId(owner, "member"), 7, 1, ""));
        assertThat(joinLinks.open(tokenOf(link.url()), owner.accountId()).state()).isEqualTo(State.ALREADY_MEMBER);
        assertThatThrownBy(() -> joinLinks.join(tokenOf(link.url()), owner.accountId()))
                .isInstanceOfSatisfying(JoinLinkException.class, e -> assertThat(e.reason().code()).isEqualTo("joinlink.already-member"));
        assertThat(only(owner).uses()).isZero();
        assertThat(events(owner, AuditActions.JOINLINK_USED)).isEmpty();
    }

    @Test
    void onlyConfirmedAddressesAtAnAllowedDomainMayJoinAndOthersCountNoUse() {
        TenantScope owner = teams.newWorkspace("Doro");
        assertThatThrownBy(() -> joinLinks.create(owner, new JoinLinkDraft(teams.roleId(owner, "member"), 7, null, "acme..com")))
                .isInstanceOf(DomainException.class);
        CreatedJoinLink link = joinLinks.create(owner,
                new JoinLinkDraft(teams.roleId(owner, "member"), 7, null, " @ACME-Corp.example, acme-corp.example; sub.acme-corp.example"));
        assertThat(link.link().allowedDomains()).containsExactly("acme-corp.example", "sub.acme-corp.example");

        Account outsider = accountAt("Otto", "other.example", true);
        assertThat(joinLinks.open(tokenOf(link.url()), outsider.id()).state()).isEqualTo(State.DOMAIN_NOT_ALLOWED);
        assertThatThrownBy(() -> joinLinks.join(tokenOf(link.url()), outsider.id())).isInstanceOf(JoinLinkException.class);
        Account unconfirmed = accountAt("Una", "acme-corp.example", false);
        assertThat(joinLinks.open(tokenOf(link.url()), unconfirmed.id()).state()).isEqualTo(State.UNVERIFIED_EMAIL);
        assertThatThrownBy(() -> joinLinks.join(tokenOf(link.url()), unconfirmed.id())).isInstanceOf(JoinLinkException.class);
        assertThat(only(owner).uses()).isZero();

        Account colleague = accountAt("Cleo", "ACME-corp.example", true);
        joinLinks.join(tokenOf(link.url()), colleague.id());
        assertThat(members.find(owner, colleague.id())).isPresent();
        assertThat(members.find(owner, outsider.id())).isEmpty();
        assertThat(only(owner).uses()).isEqualTo(1);
    }

    @Test
    void everyUseRestsOnTheCreatorsRightsAtThatMoment() {
        TenantScope owner = teams.newWorkspace("Rita");
        TenantScope admin = teams.join(owner, "Ada", "admin");
        CreatedJoinLink link = joinLinks.create(admin, new JoinLinkDraft(teams.roleId(owner, "admin"), 7, null, ""));
        Account early = accounts.newAccount("Early");
        joinLinks.join(tokenOf(link.url()), early.id());

        members.changeRole(owner, admin.accountId(), teams.roleId(owner, "member"));
        Account late = accounts.newAccount("Late");
        assertThat(joinLinks.open(tokenOf(link.url()), late.id()).state()).isEqualTo(State.CREATOR_NO_LONGER_ALLOWED);
        assertThatThrownBy(() -> joinLinks.join(tokenOf(link.url()), late.id()))
                .isInstanceOfSatisfying(JoinLinkException.class,
                        e -> assertThat(e.reason().code()).isEqualTo("joinlink.creator-no-longer-allowed"));
        JoinLink listed = only(owner);
        assertThat(listed.creatorCanStillGrant()).isFalse();
        assertThat(listed.uses()).isEqualTo(1);

        members.changeRole(owner, admin.accountId(), teams.roleId(owner, "admin"));
        members.remove(owner, admin.accountId());
        assertThat(joinLinks.open(tokenOf(link.url()), late.id()).state()).isEqualTo(State.CREATOR_NO_LONGER_ALLOWED);
        assertThat(members.find(owner, late.id())).isEmpty();
    }

    @Test
    void aRevokedLinkRefusesAtOnceAndTheRevokeIsAudited() {
        TenantScope owner = teams.newWorkspace("Vera");
        CreatedJoinLink link = joinLinks.create(owner, new JoinLinkDraft(teams.roleId(owner, "member"), 7, null, ""));
        joinLinks.revoke(owner, link.link().id());
        Account joiner = accounts.newAccount("Vic");
        assertThat(joinLinks.open(tokenOf(link.url()), joiner.id()).state()).isEqualTo(State.REVOKED);
        assertThatThrownBy(() -> joinLinks.join(tokenOf(link.url()), joiner.id()))
                .isInstanceOfSatisfying(JoinLinkException.class, e -> assertThat(e.reason().code()).isEqualTo("joinlink.revoked"));
        assertThat(members.find(owner, joiner.id())).isEmpty();
        assertThat(only(owner).status()).isEqualTo(JoinLinkStatus.REVOKED);
        assertThatThrownBy(() -> joinLinks.revoke(owner, link.link().id()))
                .isInstanceOfSatisfying(JoinLinkException.class, e -> assertThat(e.reason().code()).isEqualTo("joinlink.already-revoked"));
        assertThat(events(owner, AuditActions.JOINLINK_REVOKED)).singleElement()
                .satisfies(e -> assertThat(e.actorId()).isEqualTo(owner.accountId()));

        TenantScope member = teams.join(owner, "Mo", "member");
        CreatedJoinLink other = joinLinks.create(owner, new JoinLinkDraft(teams.roleId(owner, "member"), 7, null, ""));
        assertThatThrownBy(() -> joinLinks.revoke(member, other.link().id())).isInstanceOf(PermissionDeniedException.class);
    }

    @Test
    void aLinkPastItsExpiryRefuses() {
        TenantScope owner = teams.newWorkspace("Elke");
        CreatedJoinLink link = joinLinks.create(owner, new JoinLinkDraft(teams.roleId(owner, "member"), 1, null, ""));
        clock.advance(Duration.ofDays(1).plusMinutes(1));
        Account joiner = accounts.newAccount("Emil");
        assertThat(joinLinks.open(tokenOf(link.url()), joiner.id()).state()).isEqualTo(State.EXPIRED);
        assertThatThrownBy(() -> joinLinks.join(tokenOf(link.url()), joiner.id()))
                .isInstanceOfSatisfying(JoinLinkException.class, e -> assertThat(e.reason().code()).isEqualTo("joinlink.expired"));
        assertThat(only(owner).status()).isEqualTo(JoinLinkStatus.EXPIRED);
    }

    @Test
    void onlyTheTokensHashIsStoredAndAnyOtherTokenIsUnknown() throws Exception {
        TenantScope owner = teams.newWorkspace("Hana");
        CreatedJoinLink link = joinLinks.create(owner, new JoinLinkDraft(teams.roleId(owner, "member"), 7, null, ""));
        String token = tokenOf(link.url());
        assertThat(link.url()).endsWith("/join/" + token);
        assertThat(token).hasSize(43);
        byte[] sha256 = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        List<byte[]> stored = platform.select(JOIN_LINK_TOKEN.TOKEN_HASH).from(JOIN_LINK_TOKEN)
                .where(JOIN_LINK_TOKEN.JOIN_LINK_ID.eq(link.link().id())).fetch(JOIN_LINK_TOKEN.TOKEN_HASH);
        assertThat(stored).singleElement().isEqualTo(sha256);
        assertThat(tenantDsl.of(owner).selectFrom(JOIN_LINK).fetch().formatCSV()).doesNotContain(token);

        Account joiner = accounts.newAccount("Hugo");
        String forged = token.substring(0, 42) + (token.endsWith("A") ? "B" : "A");
        assertThat(joinLinks.open(forged, joiner.id()).state()).isEqualTo(State.UNKNOWN);
        assertThat(joinLinks.open("not-a-token", joiner.id()).state()).isEqualTo(State.UNKNOWN);
        assertThat(joinLinks.open(token, joiner.id()).state()).isEqualTo(State.VALID);
    }

    private Account accountAt(String name, String domain, boolean verified) {
        String subject = UUID.randomUUID().toString();
        return accountService.signIn(new OidcIdentity("https://issuer.test", subject,
                name.toLowerCase() + "-" + subject.substring(0, 8) + "@" + domain, verified, name));
    }

    private JoinLink only(TenantScope owner) {
        List<JoinLink> all = joinLinks.list(owner);
        assertThat(all).hasSize(1);
        return all.getFirst();
    }

    private List<AuditEvent> events(TenantScope owner, String action) {
        return audit.page(owner, new AuditFilter(null, action, null, null, null, null), null, null, 50).events();
    }
}
