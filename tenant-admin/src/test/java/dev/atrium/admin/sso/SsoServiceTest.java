package dev.atrium.admin.sso;

import static dev.atrium.db.jooq.platform.Tables.SSO_CONNECTION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.atrium.admin.Refusals;
import dev.atrium.admin.TestIdentityProvider;
import dev.atrium.admin.TestRoles;
import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.access.PermissionDeniedException;
import dev.atrium.admin.access.Permissions;
import dev.atrium.admin.access.RoleSummary;
import dev.atrium.admin.audit.AuditActions;
import dev.atrium.admin.audit.AuditEvent;
import dev.atrium.admin.audit.AuditFilter;
import dev.atrium.admin.audit.AuditLogService;
import dev.atrium.admin.dns.TestDns;
import dev.atrium.admin.domain.DomainService;
import dev.atrium.admin.domain.WorkspaceDomain;
import dev.atrium.admin.keys.KeyPurpose;
import dev.atrium.admin.keys.Keyring;
import dev.atrium.admin.member.MemberService;
import dev.atrium.admin.role.RoleDraft;
import dev.atrium.admin.role.RoleService;
import dev.atrium.admin.tenancy.TenantScope;

/**
 * OIDC connections on real PostgreSQL, discovered from a real (in-process) OpenID provider: mock-oauth2-server serves
 * any issuer id as a path, so each test's identity provider is one more issuer of the same server.
 */
@SpringBootTest
class SsoServiceTest {

    @RegisterExtension
    static final TestIdentityProvider IDP = new TestIdentityProvider();

    @Autowired SsoService sso;
    @Autowired TestWorkspaces teams;
    @Autowired RoleService roles;
    @Autowired MemberService members;
    @Autowired DomainService domains;
    @Autowired TestDns dns;
    @Autowired AuditLogService audit;
    @Autowired Keyring keyring;
    @Autowired DSLContext platform;
    @Autowired SsoConnectionTests tests;
    @Autowired TestConnections connections;
    @Autowired TestRoles testRoles;

    @Test
    void aSavedConnectionIsDisabledItsSecretIsEncryptedAtRestBoundToTheWorkspaceAndNeverAudited() throws Exception {
        TenantScope owner = teams.newWorkspace("Sol");
        String secret = "s3cret-" + UUID.randomUUID();
        String issuer = issuer("acme");

        SsoConnection saved = sso.save(owner, draft(SsoPreset.OKTA, issuer + "/", secret, "email  profile,email groups",
                teams.roleId(owner, "member")));

        assertThat(saved.enabled()).isFalse();
        assertThat(saved.issuer()).as("trailing slash dropped").isEqualTo(issuer);
        assertThat(saved.scopes()).as("openid first, each scope once").containsExactly("openid", "email", "profile", "groups");
        assertThat(saved.registrationId()).isEqualTo("sso-" + owner.workspaceId());
        assertThat(sso.connection(owner)).contains(saved);

        byte[] stored = storedSecret(owner);
        String storedText = new String(stored, StandardCharsets.ISO_8859_1);
        assertThat(storedText).doesNotContain(secret);
        assertThat(HexFormat.of().formatHex(stored)).doesNotContain(HexFormat.of().formatHex(secret.getBytes(StandardCharsets.UTF_8)));
        assertThat(storedText).doesNotContain(Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)));
        assertThat(new String(keyring.aead(KeyPurpose.SSO_CLIENT_SECRETS).decrypt(stored, SsoService.associatedData(owner.workspaceId())),
                StandardCharsets.UTF_8)).isEqualTo(secret);
        assertThatThrownBy(() -> keyring.aead(KeyPurpose.SSO_CLIENT_SECRETS).decrypt(stored, SsoService.associatedData(UUID.randomUUID())))
                .as("the ciphertext is bound to its workspace").isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> keyring.aead(KeyPurpose.SECRETS).decrypt(stored, SsoService.associatedData(owner.workspaceId())))
                .as("a key of its own").isInstanceOf(GeneralSecurityException.class);

        AuditEvent created = lastEvent(owner, AuditActions.SSO_CONNECTION_CREATED);
        assertThat(created.before()).isNull();
        assertThat(created.after()).contains(issuer, "Member", SsoService.REDACTED).doesNotContain(secret);

        // Saving with the secret field empty keeps the stored secret as it was.
        sso.save(owner, draft(SsoPreset.OKTA, issuer, "  ", "openid email", teams.roleId(owner, "guest")));
        assertThat(storedSecret(owner)).isEqualTo(stored);
        AuditEvent kept = lastEvent(owner, AuditActions.SSO_CONNECTION_UPDATED);
        assertThat(kept.before()).contains("Member").doesNotContain(secret);
        assertThat(kept.after()).contains("Guest").doesNotContain(secret, "clientSecretReplaced");

        String newSecret = "n3w-" + UUID.randomUUID();
        sso.save(owner, draft(SsoPreset.OKTA, issuer, newSecret, "openid email", teams.roleId(owner, "guest")));
        assertThat(new String(keyring.aead(KeyPurpose.SSO_CLIENT_SECRETS).decrypt(storedSecret(owner),
                SsoService.associatedData(owner.workspaceId())), StandardCharsets.UTF_8)).isEqualTo(newSecret);
        AuditEvent replaced = lastEvent(owner, AuditActions.SSO_CONNECTION_UPDATED);
        assertThat(replaced.after()).contains("clientSecretReplaced", SsoService.REDACTED).doesNotContain(secret, newSecret);
        assertThat(replaced.before()).doesNotContain(secret, newSecret);
    }

    @Test
    void anIssuerWithoutAValidDiscoveryDocumentOrBadInputIsRefusedAndNothingIsStored() {
        TenantScope owner = teams.newWorkspace("Dora");
        UUID member = teams.roleId(owner, "member");

        assertThatThrownBy(() -> sso.save(owner, draft(SsoPreset.CUSTOM, "http://localhost:1/nowhere", "x", "", member)))
                .satisfies(Refusals.reason("sso.discovery-failed", "http://localhost:1/nowhere"));
        assertThatThrownBy(() -> sso.save(owner, draft(SsoPreset.CUSTOM, "http://localhost:1/nowhere", "x", "", member)))
                .satisfies(Refusals.english("No valid OpenID Connect discovery document was found for http://localhost:1/nowhere. "
                        + "Check the issuer URL and that the identity provider can be reached."));
        for (String bad : List.of("https://{your-org}.okta.com", "ftp://idp.example", "http://idp.example/plain-http",
                "https://idp.example/?tenant=1", "idp.example", "https://user@idp.example")) {
            assertThatThrownBy(() -> sso.save(owner, draft(SsoPreset.CUSTOM, bad, "x", "", member))).as(bad)
                    .satisfies(Refusals.code("sso.issuer-invalid"));
        }
        assertThatThrownBy(() -> sso.save(owner, draft(SsoPreset.CUSTOM, " ", "x", "", member))).satisfies(Refusals.code("sso.issuer-missing"));
        assertThatThrownBy(() -> sso.save(owner, new SsoConnectionDraft(SsoPreset.CUSTOM, issuer("dora"), " ", "x", "", member)))
                .satisfies(Refusals.code("sso.client-id-missing"));
        assertThatThrownBy(() -> sso.save(owner, draft(SsoPreset.CUSTOM, issuer("dora"), " ", "", member)))
                .as("a new connection needs its secret").satisfies(Refusals.code("sso.client-secret-missing"));
        assertThatThrownBy(() -> sso.save(owner, draft(SsoPreset.CUSTOM, issuer("dora"), "x", "openid e\"mail", member)))
                .satisfies(Refusals.reason("sso.scope-invalid", "e\"mail"));
        assertThat(sso.connection(owner)).isEmpty();
        assertThat(platform.fetchCount(SSO_CONNECTION, SSO_CONNECTION.WORKSPACE_ID.eq(owner.workspaceId()))).isZero();
    }

    @Test
    void theDefaultRoleIsNeverOwnerNorStrongerThanTheConfiguringAdminMayGrantAlsoWhenEnabling() {
        TenantScope owner = teams.newWorkspace("Pia");
        TenantScope delegate = teams.join(owner, "Dan", "member");
        RoleSummary ssoAdmin = roles.create(owner, new RoleDraft("SSO admin", "", Set.of(Permissions.WORKSPACE_MANAGE_SSO)));
        members.changeRole(owner, delegate.accountId(), ssoAdmin.id());
        String issuer = issuer("pia");

        assertThatThrownBy(() -> sso.save(owner, draft(SsoPreset.CUSTOM, issuer, "x", "", teams.roleId(owner, "owner"))))
                .satisfies(Refusals.code("sso.default-role-owner"));
        assertThatThrownBy(() -> sso.save(delegate, draft(SsoPreset.CUSTOM, issuer, "x", "", teams.roleId(owner, "member"))))
                .isInstanceOf(PermissionDeniedException.class).satisfies(Refusals.code("access.role-beyond-own-role"));
        assertThatThrownBy(() -> sso.save(owner, draft(SsoPreset.CUSTOM, issuer, "x", "", UUID.randomUUID())))
                .satisfies(Refusals.code("sso.default-role-gone"));
        assertThat(sso.connection(owner)).isEmpty();
        assertThat(sso.defaultRoleChoices(delegate)).extracting(RoleSummary::name).contains("SSO admin").doesNotContain("Member", "Admin");
        assertThat(sso.defaultRoleChoices(owner)).extracting(RoleSummary::key).doesNotContain("owner").contains("admin", "member");

        // The owner saves Member as the default; the delegate may not switch it on, as that would hand out Member.
        sso.save(owner, draft(SsoPreset.CUSTOM, issuer, "x", "", teams.roleId(owner, "member")));
        assertThatThrownBy(() -> sso.enable(delegate)).satisfies(Refusals.code("access.role-beyond-own-role"));
        assertThat(sso.connection(owner).orElseThrow().enabled()).isFalse();
        sso.save(delegate, draft(SsoPreset.CUSTOM, issuer, "", "", ssoAdmin.id()));
        tested(delegate);
        assertThat(sso.enable(delegate).enabled()).isTrue();
    }

    @Test
    void enableDisableAndDeleteAreAuditedAndNeedManageSso() {
        TenantScope owner = teams.newWorkspace("Eve");
        TenantScope member = teams.join(owner, "Max", "member");
        TenantScope admin = teams.join(owner, "Ada", "admin");
        SsoConnectionDraft draft = draft(SsoPreset.CUSTOM, issuer("eve"), "x", "", teams.roleId(owner, "member"));

        assertThatThrownBy(() -> sso.connection(member)).isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> sso.save(member, draft)).isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> sso.enable(admin)).satisfies(Refusals.code("sso.not-configured"));
        SsoConnection saved = sso.save(admin, draft);
        assertThatThrownBy(() -> sso.enable(member)).isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> sso.disable(member)).isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> sso.delete(member)).isInstanceOf(PermissionDeniedException.class);

        tested(admin);
        assertThat(sso.enable(admin).enabled()).isTrue();
        AuditEvent enabled = lastEvent(owner, AuditActions.SSO_CONNECTION_ENABLED);
        assertThat(enabled.actorId()).isEqualTo(admin.accountId());
        assertThat(enabled.target().id()).isEqualTo(saved.id().toString());
        assertThat(enabled.before()).contains("false");
        assertThat(enabled.after()).contains("true");
        assertThat(sso.enable(admin).enabled()).as("enabling again changes nothing").isTrue();

        assertThat(sso.disable(admin).enabled()).isFalse();
        assertThat(lastEvent(owner, AuditActions.SSO_CONNECTION_DISABLED).after()).contains("false");

        sso.delete(admin);
        assertThat(sso.connection(owner)).isEmpty();
        AuditEvent deleted = lastEvent(owner, AuditActions.SSO_CONNECTION_DELETED);
        assertThat(deleted.before()).contains(saved.issuer(), SsoService.REDACTED);
        assertThat(deleted.after()).isNull();
        assertThatThrownBy(() -> sso.delete(admin)).satisfies(Refusals.code("sso.not-configured"));
    }

    @Test
    void googleWorkspaceNeedsAVerifiedDomainAndWorkspacesSeeOnlyTheirOwnConnection() {
        TenantScope owner = teams.newWorkspace("Gil");
        TenantScope other = teams.newWorkspace("Olga");
        SsoConnectionDraft google = draft(SsoPreset.GOOGLE_WORKSPACE, issuer("gil"), "x", "", teams.roleId(owner, "member"));

        assertThatThrownBy(() -> sso.save(owner, google)).satisfies(Refusals.code("sso.hosted-domain-needs-verified-domain"));
        WorkspaceDomain domain = domains.add(owner, "gil-" + UUID.randomUUID().toString().substring(0, 8) + ".example");
        assertThatThrownBy(() -> sso.save(owner, google)).as("pending is not verified")
                .satisfies(Refusals.code("sso.hosted-domain-needs-verified-domain"));
        dns.publish(domain.recordName(), domain.recordValue());
        assertThat(domains.verify(owner, domain.id()).verified()).isTrue();

        assertThat(sso.save(owner, google).preset()).isEqualTo(SsoPreset.GOOGLE_WORKSPACE);
        assertThat(sso.connection(other)).isEmpty();
        assertThatThrownBy(() -> sso.enable(other)).satisfies(Refusals.code("sso.not-configured"));
        assertThat(sso.connection(owner)).isPresent();
    }

    /** A Test connection of the current settings that succeeded (the browser's part is in the e2e tests). */
    private void tested(TenantScope admin) {
        SsoTestTicket ticket = tests.start(admin);
        assertThat(tests.succeeded(ticket, admin.accountId(), java.util.Map.of("sub", "someone")).succeeded()).isTrue();
    }

    private static SsoConnectionDraft draft(SsoPreset preset, String issuer, String secret, String scopes, UUID roleId) {
        return new SsoConnectionDraft(preset, issuer, "atrium-client", secret, scopes, roleId);
    }

    private static String issuer(String label) {
        return IDP.issuerUrl(label + "-" + UUID.randomUUID().toString().substring(0, 8)).toString();
    }

    private byte[] storedSecret(TenantScope scope) {
        return platform.select(SSO_CONNECTION.CLIENT_SECRET).from(SSO_CONNECTION)
                .where(SSO_CONNECTION.WORKSPACE_ID.eq(scope.workspaceId())).fetchSingle().value1();
    }

    private AuditEvent lastEvent(TenantScope scope, String action) {
        return audit.page(scope, new AuditFilter(null, action, null, null, null, null), null, null, 1).events().getFirst();
    }

    /**
     * Moving the connection's default along with the role's holders would give everyone who signs in from then on a
     * role nobody chose for them: the deletion is refused until an admin chooses another default.
     */
    @Test
    void theConnectionsDefaultRoleIsNotDeletedUntilAnotherIsChosen() {
        TestConnections.SsoWorkspace acme = connections.newWorkspace(IDP, "Rosa", SsoPreset.CUSTOM, "guest");
        TenantScope owner = acme.owner();
        TestRoles.Deletion pair = testRoles.twoRoles(owner);
        String name = roles.find(owner, pair.deleted()).orElseThrow().name();
        connections.withDefaultRole(acme, pair.deleted());

        assertThatThrownBy(() -> roles.delete(owner, pair.deleted(), pair.moveTo()))
                .satisfies(Refusals.reason("role.sso-default-role", name));
        assertThat(roles.find(owner, pair.deleted())).isPresent();

        connections.withDefaultRole(acme, teams.roleId(owner, "guest"));
        roles.delete(owner, pair.deleted(), pair.moveTo());
        assertThat(roles.find(owner, pair.deleted())).isEmpty();
    }
}
