package dev.atrium.admin.role;

import static dev.atrium.admin.TestWorkspaces.tokenOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import com.vaadin.flow.i18n.I18NProvider;

import dev.atrium.admin.Refusals;
import dev.atrium.admin.TestAccounts;
import dev.atrium.admin.TestApplication;
import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.access.AccessControl;
import dev.atrium.admin.access.Permission;
import dev.atrium.admin.access.PermissionCatalog;
import dev.atrium.admin.access.PermissionDeniedException;
import dev.atrium.admin.access.Permissions;
import dev.atrium.admin.access.RoleSummary;
import dev.atrium.admin.apikey.ApiKeyDraft;
import dev.atrium.admin.apikey.ApiKeyService;
import dev.atrium.admin.audit.AuditActions;
import dev.atrium.admin.audit.AuditEvent;
import dev.atrium.admin.audit.AuditFilter;
import dev.atrium.admin.audit.AuditLogService;
import dev.atrium.admin.invitation.InvitationService;
import dev.atrium.admin.joinlink.JoinLinkDraft;
import dev.atrium.admin.joinlink.JoinLinkPage;
import dev.atrium.admin.joinlink.JoinLinkService;
import dev.atrium.admin.member.MemberService;
import dev.atrium.admin.paging.PageRequest;
import dev.atrium.admin.tenancy.TenantScope;

@SpringBootTest
class RoleServiceTest {

    @Autowired RoleService roles;
    @Autowired AccessControl access;
    @Autowired PermissionCatalog catalog;
    @Autowired MemberService members;
    @Autowired InvitationService invitations;
    @Autowired TestWorkspaces teams;
    @Autowired TestAccounts accounts;
    @Autowired JoinLinkService joinLinks;
    @Autowired ApiKeyService apiKeys;
    @Autowired AuditLogService audit;
    @Autowired I18NProvider translations;

    @Test
    void builtInRolesFollowTheCatalogIncludingTheHostsPermissions() {
        TenantScope owner = teams.newWorkspace("Cato");
        TenantScope member = teams.join(owner, "Mina", "member");
        TenantScope guest = teams.join(owner, "Gil", "guest");

        assertThat(access.roleOf(owner).permissions()).containsExactlyInAnyOrderElementsOf(
                catalog.all().stream().map(Permission::key).toList()).contains(TestApplication.HOST_PERMISSION);
        assertThat(access.has(member, TestApplication.HOST_PERMISSION)).isTrue();
        assertThat(access.roleOf(guest).permissions()).isEmpty();
        assertThat(catalog.byArea()).containsKeys("members", "roles", "audit-log", "workspace", "reports");
    }

    @Test
    void anAuditorRoleCanOnlyViewTheAuditLogAndAnEditTakesEffectOnTheNextRequest() {
        TenantScope owner = teams.newWorkspace("Ophelia");
        TenantScope alex = teams.join(owner, "Alex", "member");
        RoleSummary auditor = roles.create(owner, new RoleDraft(" Auditor ", "Reads the audit log", Set.of(Permissions.AUDIT_VIEW)));
        assertThat(auditor.name()).isEqualTo("Auditor");
        members.changeRole(owner, alex.accountId(), auditor.id());

        assertThat(access.roleOf(alex).permissions()).containsExactly(Permissions.AUDIT_VIEW);
        assertThatThrownBy(() -> invitations.invite(alex, "x@example.test", teams.roleId(owner, "guest"), Locale.ENGLISH))
                .isInstanceOf(PermissionDeniedException.class);

        roles.update(owner, auditor.id(), new RoleDraft("Auditor", "Reads the audit log and invites",
                Set.of(Permissions.AUDIT_VIEW, Permissions.MEMBERS_INVITE)));

        assertThat(invitations.invite(alex, "y-" + System.nanoTime() + "@example.test", teams.roleId(owner, "guest"), Locale.ENGLISH).invited()).hasSize(1);
        assertThat(roles.page(owner, new PageRequest(0, 10, List.of(new PageRequest.SortBy(RoleListing.SORT_NAME, true)))))
                .filteredOn(r -> r.role().id().equals(auditor.id())).singleElement()
                .extracting(RoleListing::memberCount).isEqualTo(1);
    }

    @Test
    void noOneCreatesOrEditsARoleWithPermissionsTheyDoNotHold() {
        TenantScope owner = teams.newWorkspace("Olaf");
        TenantScope admin = teams.join(owner, "Ada", "admin");
        RoleSummary deleter = roles.create(owner, new RoleDraft("Deleter", "", Set.of(Permissions.WORKSPACE_DELETE)));

        assertThatThrownBy(() -> roles.create(admin, new RoleDraft("Sneaky", "", Set.of(Permissions.AUDIT_SETTINGS))))
                .isInstanceOf(PermissionDeniedException.class).satisfies(Refusals.reason("access.beyond-own-role", Permission.names(List.of(Permissions.AUDIT_SETTINGS))))
                // The person reads the permission's name in their language, not its key.
                .satisfies(Refusals.english("You cannot give a role permissions beyond your own (Audit settings), and no one can grant what they do not hold."))
                .satisfies(Refusals.german("Sie können einer Rolle keine Berechtigungen geben, die Ihre eigene Rolle nicht hat (Audit-Einstellungen): Niemand kann vergeben, was er selbst nicht hat."));
        assertThatThrownBy(() -> roles.update(admin, deleter.id(), new RoleDraft("Deleter", "", Set.of())))
                .isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> roles.delete(admin, deleter.id(), null)).isInstanceOf(PermissionDeniedException.class);
        assertThat(roles.assignableRoles(admin)).extracting(RoleSummary::name).doesNotContain("Owner", "Deleter");
        TenantScope mo = teams.join(owner, "Mo", "member");
        assertThatThrownBy(() -> members.changeRole(admin, mo.accountId(), deleter.id())).isInstanceOf(PermissionDeniedException.class);
    }

    @Test
    void builtInRolesAreReadOnlyAndNamesAreCheckedAndUnknownPermissionsRefused() {
        TenantScope owner = teams.newWorkspace("Orin");
        RoleSummary admin = roles.roles(owner).stream().filter(r -> r.key().equals("admin")).findFirst().orElseThrow();

        assertThatThrownBy(() -> roles.update(owner, admin.id(), new RoleDraft("Boss", "", Set.of()))).isInstanceOf(RoleException.class);
        assertThatThrownBy(() -> roles.delete(owner, admin.id(), null)).isInstanceOf(RoleException.class);
        assertThatThrownBy(() -> roles.create(owner, new RoleDraft("  ", "", Set.of()))).isInstanceOf(RoleException.class);
        assertThatThrownBy(() -> roles.create(owner, new RoleDraft("admin", "", Set.of())))
                .isInstanceOfSatisfying(RoleException.class, e -> assertThat(e.field()).isEqualTo(RoleException.Field.NAME))
                .satisfies(Refusals.reason("role.name.taken", "Admin"));
        assertThatThrownBy(() -> roles.create(owner, new RoleDraft("x".repeat(51), "", Set.of()))).isInstanceOf(RoleException.class);
        assertThatThrownBy(() -> roles.create(owner, new RoleDraft("Wizard", "", Set.of("magic.cast")))).isInstanceOf(RoleException.class);
        assertThat(roles.count(owner)).isEqualTo(4);
    }

    @Test
    void deletingARoleInUseMovesItsMembersAndNoOneIsLeftWithoutARole() {
        TenantScope owner = teams.newWorkspace("Odo");
        RoleSummary temp = roles.create(owner, new RoleDraft("Temp", "", Set.of(Permissions.MEMBERS_VIEW)));
        TenantScope tia = teams.join(owner, "Tia", "member");
        members.changeRole(owner, tia.accountId(), temp.id());
        RoleSummary memberRole = roles.find(owner, teams.roleId(owner, "member")).orElseThrow();

        assertThatThrownBy(() -> roles.delete(owner, temp.id(), null)).isInstanceOf(RoleException.class).satisfies(Refusals.reason("role.in-use", "Temp"));
        roles.delete(owner, temp.id(), memberRole.id());

        assertThat(access.roleOf(tia).name()).isEqualTo("Member");
        assertThat(roles.find(owner, temp.id())).isEmpty();
        RoleSummary unused = roles.create(owner, new RoleDraft("Unused", "", Set.of()));
        roles.delete(owner, unused.id(), null);
        assertThat(roles.count(owner)).isEqualTo(4);
    }

    @Test
    void deletingARoleRevokesItsActiveJoinLinksAfterTheDialogSaidHowManyAndTheDeletionAuditsThem() {
        TenantScope owner = teams.newWorkspace("Olaf");
        RoleSummary helper = roles.create(owner, new RoleDraft("Helper", "", Set.of(Permissions.MEMBERS_VIEW)));
        String token = tokenOf(joinLinks.create(owner, new JoinLinkDraft(helper.id(), 7, null, "")).url());
        joinLinks.create(owner, new JoinLinkDraft(helper.id(), 7, 5, ""));
        UUID revoked = joinLinks.create(owner, new JoinLinkDraft(helper.id(), 7, null, "")).link().id();
        joinLinks.revoke(owner, revoked);
        RoleListing listing = listing(owner, helper.id());
        assertThat(listing.activeJoinLinkCount()).as("the revoked link is not counted").isEqualTo(2);
        assertThat(listing.inUse()).isFalse();
        // The delete dialog's warning, as the roles grid words it from the bundles.
        assertThat(translations.getTranslation("role.grid.delete.join-links", Locale.ENGLISH, listing.activeJoinLinkCount()))
                .isEqualTo("2 active join links for this role will be revoked.");
        assertThat(translations.getTranslation("role.grid.delete.join-links", Locale.GERMAN, listing.activeJoinLinkCount()))
                .isEqualTo("2 aktive Beitrittslinks für diese Rolle werden widerrufen.");
        assertThat(translations.getTranslation("role.grid.delete.join-links", Locale.ENGLISH, 1))
                .isEqualTo("1 active join link for this role will be revoked.");

        roles.delete(owner, helper.id(), null);

        assertThat(joinLinks.list(owner)).isEmpty();
        assertThat(joinLinks.open(token, accounts.newAccount("Jody").id()).state()).isEqualTo(JoinLinkPage.State.UNKNOWN);
        assertThat(roleDeletedEvents(owner))
                .singleElement().satisfies(event -> assertThat(event.after()).containsPattern("\"activeJoinLinksRevoked\"\\s*:\\s*2\\b"));
    }

    /** A role used only by API keys is not in use, but its deletion takes the keys along: said before, audited after. */
    @Test
    void deletingARoleDeletesItsApiKeysAfterTheDialogSaidHowManyAndTheDeletionAuditsThem() {
        TenantScope owner = teams.newWorkspace("Orla");
        RoleSummary robot = roles.create(owner, new RoleDraft("Robot", "", Set.of(Permissions.MEMBERS_VIEW)));
        String secret = apiKeys.create(owner, new ApiKeyDraft("CI", robot.id(), 30)).secret();
        UUID revoked = apiKeys.create(owner, new ApiKeyDraft("Old CI", robot.id(), 30)).key().id();
        apiKeys.revoke(owner, revoked);
        RoleListing listing = listing(owner, robot.id());
        assertThat(listing.activeApiKeyCount()).as("the revoked key is not counted").isEqualTo(1);
        assertThat(listing.inUse()).isFalse();
        assertThat(translations.getTranslation("role.grid.delete.api-keys", Locale.ENGLISH, listing.activeApiKeyCount()))
                .isEqualTo("1 API key with this role will be deleted and stop working at once.");
        assertThat(translations.getTranslation("role.grid.delete.api-keys", Locale.GERMAN, 2))
                .isEqualTo("2 API-Schlüssel mit dieser Rolle werden gelöscht und funktionieren sofort nicht mehr.");
        assertThat(apiKeys.authenticate(secret, true)).isPresent();

        roles.delete(owner, robot.id(), null);

        assertThat(apiKeys.authenticate(secret, true)).isEmpty();
        assertThat(roleDeletedEvents(owner))
                .singleElement().satisfies(event -> assertThat(event.after()).containsPattern("\"activeApiKeysDeleted\"\\s*:\\s*1\\b"));
    }

    @Test
    void aRoleOfferedOnlyByAnInvitationIsInUseTooAndItsInvitationMoves() {
        TenantScope owner = teams.newWorkspace("Ozzy");
        RoleSummary reviewer = roles.create(owner, new RoleDraft("Reviewer", "", Set.of(Permissions.MEMBERS_VIEW)));
        invitations.invite(owner, "rev-" + System.nanoTime() + "@example.test", reviewer.id(), Locale.ENGLISH);
        RoleListing listing = listing(owner, reviewer.id());
        assertThat(listing.memberCount()).isZero();
        assertThat(listing.inUse()).isTrue();

        assertThatThrownBy(() -> roles.delete(owner, reviewer.id(), null)).isInstanceOf(RoleException.class);
        roles.delete(owner, reviewer.id(), teams.roleId(owner, "guest"));

        assertThat(invitations.page(owner, dev.atrium.admin.invitation.InvitationFilter.NONE, new PageRequest(0, 10, List.of())))
                .singleElement().extracting(i -> i.roleName()).isEqualTo("Guest");
    }

    @Test
    void aRoleChangeTakesEffectOnTheMembersVeryNextRequest() {
        TenantScope owner = teams.newWorkspace("Omar");
        TenantScope pat = teams.join(owner, "Pat", "member");
        assertThat(access.has(pat, Permissions.MEMBERS_INVITE)).isFalse();

        members.changeRole(owner, pat.accountId(), teams.roleId(owner, "admin"));

        assertThat(access.has(pat, Permissions.MEMBERS_INVITE)).isTrue();
        members.remove(owner, pat.accountId());
        assertThatThrownBy(() -> access.roleOf(pat)).isInstanceOf(PermissionDeniedException.class);
    }

    /** The role's row as the roles grid lists it. */
    private RoleListing listing(TenantScope owner, UUID roleId) {
        return roles.page(owner, new PageRequest(0, 10, List.of())).stream()
                .filter(r -> r.role().id().equals(roleId)).findFirst().orElseThrow();
    }

    private List<AuditEvent> roleDeletedEvents(TenantScope owner) {
        return audit.page(owner, new AuditFilter(null, AuditActions.ROLE_DELETED, null, null, null, null), null, null, 10).events();
    }
}
