package dev.atrium.admin.apikey;

import static dev.atrium.db.jooq.platform.Tables.API_KEY_ROUTE;
import static dev.atrium.db.jooq.tenant.Tables.API_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.access.AccessControl;
import dev.atrium.admin.access.PermissionDeniedException;
import dev.atrium.admin.access.Permissions;
import dev.atrium.admin.audit.AuditActions;
import dev.atrium.admin.audit.AuditEvent;
import dev.atrium.admin.audit.AuditFilter;
import dev.atrium.admin.audit.AuditLogService;
import dev.atrium.admin.member.MemberService;
import dev.atrium.admin.tenancy.Actor;
import dev.atrium.admin.tenancy.TenantDsl;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.time.MutableClock;

/** The rules of API keys on a real database: who may create which key, the secret's format, what is stored, and every use's checks. */
@SpringBootTest
class ApiKeyServiceTest {

    @Autowired ApiKeyService apiKeys;
    @Autowired MemberService members;
    @Autowired AccessControl access;
    @Autowired AuditLogService audit;
    @Autowired TestWorkspaces teams;
    @Autowired MutableClock clock;
    @Autowired DSLContext platform;
    @Autowired TenantDsl tenantDsl;

    @Test
    void aKeysRoleIsNoStrongerThanItsCreatorMayGiveAndOnlyManagersCreateKeys() {
        TenantScope owner = teams.newWorkspace("Rhea");
        TenantScope admin = teams.join(owner, "Abe", "admin");
        TenantScope member = teams.join(owner, "Mo", "member");

        assertThatThrownBy(() -> apiKeys.create(admin, new ApiKeyDraft("Too strong", teams.roleId(owner, "owner"), 30)))
                .isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> apiKeys.create(member, new ApiKeyDraft("No right", teams.roleId(owner, "guest"), 30)))
                .isInstanceOfSatisfying(PermissionDeniedException.class, e -> assertThat(e.permission()).isEqualTo(Permissions.API_KEYS_MANAGE));
        CreatedApiKey created = apiKeys.create(admin, new ApiKeyDraft("  CI deploy ", teams.roleId(owner, "admin"), 30));

        assertThat(apiKeys.list(owner)).singleElement().satisfies(key -> {
            assertThat(key.name()).isEqualTo("CI deploy");
            assertThat(key.roleName()).isEqualTo("Admin");
            assertThat(key.status()).isEqualTo(ApiKeyStatus.ACTIVE);
            assertThat(key.expiresAt()).isEqualTo(created.key().createdAt().plusDays(30));
            assertThat(key.lastUsedAt()).isNull();
        });
    }

    @Test
    void neverExpiringKeysAreForOwnersOnlyAndTheExpiryIsBounded() {
        TenantScope owner = teams.newWorkspace("Nora");
        TenantScope admin = teams.join(owner, "Ada", "admin");
        UUID memberRole = teams.roleId(owner, "member");

        assertThatThrownBy(() -> apiKeys.create(admin, new ApiKeyDraft("Forever", memberRole, null)))
                .isInstanceOfSatisfying(ApiKeyException.class, e -> assertThat(e.code()).isEqualTo("apikey.never-expires-owner-only"));
        for (int days : new int[] {0, -1, ApiKeyService.MAX_EXPIRY_DAYS + 1}) {
            assertThatThrownBy(() -> apiKeys.create(owner, new ApiKeyDraft("Odd", memberRole, days)))
                    .isInstanceOfSatisfying(ApiKeyException.class, e -> assertThat(e.code()).isEqualTo("apikey.expiry-days"));
        }
        assertThatThrownBy(() -> apiKeys.create(owner, new ApiKeyDraft(" ", memberRole, 5)))
                .isInstanceOfSatisfying(ApiKeyException.class, e -> assertThat(e.code()).isEqualTo("apikey.name"));
        assertThat(apiKeys.list(owner)).isEmpty();

        assertThat(apiKeys.create(owner, new ApiKeyDraft("Forever", memberRole, null)).key().expiresAt()).isNull();
    }

    @Test
    void theSecretIsRecognisableCarriesAChecksumAndOnlyItsHashIsStored() {
        TenantScope owner = teams.newWorkspace("Sven");
        CreatedApiKey created = apiKeys.create(owner, new ApiKeyDraft("Scanner", teams.roleId(owner, "member"), 90));
        String secret = created.secret();

        assertThat(secret).matches("atrium_[0-9A-Za-z]{22}_[0-9A-Za-z]{49}");
        assertThat(ApiKeySecrets.keyIdOf(secret)).contains(created.key().id());
        // One character changed anywhere is caught by the checksum, before any look-up.
        for (int i = ApiKeySecrets.PREFIX.length(); i < secret.length(); i++) {
            if (secret.charAt(i) == '_') {
                continue;
            }
            char other = secret.charAt(i) == 'a' ? 'b' : 'a';
            String typo = secret.substring(0, i) + other + secret.substring(i + 1);
            assertThat(ApiKeySecrets.keyIdOf(typo)).as("typo at %d", i).isEmpty();
        }
        char last = secret.charAt(secret.length() - 1);
        assertThat(apiKeys.authenticate(secret.substring(0, secret.length() - 1) + (last == 'x' ? 'y' : 'x'), true)).isEmpty();

        Record stored = tenantDsl.of(owner).selectFrom(API_KEY).where(API_KEY.ID.eq(created.key().id())).fetchSingle();
        assertThat(stored.get(API_KEY.SECRET_HASH)).isEqualTo(ApiKeySecrets.hash(secret));
        assertThat(stored.intoList()).noneMatch(value -> value != null && value.toString().contains(secret.substring(30, 60)));
        assertThat(platform.selectFrom(API_KEY_ROUTE).where(API_KEY_ROUTE.KEY_ID.eq(created.key().id())).fetchSingle()
                .get(API_KEY_ROUTE.WORKSPACE_ID)).isEqualTo(owner.workspaceId());
        assertThat(events(owner, AuditActions.APIKEY_CREATED)).singleElement().satisfies(event -> {
            assertThat(event.actorId()).isEqualTo(owner.accountId());
            assertThat(event.after()).contains("Scanner").doesNotContain(secret);
        });
    }

    @Test
    void aKeyActsWithItsRoleInItsWorkspaceAndItsReadsAreCounted() {
        TenantScope owner = teams.newWorkspace("Una");
        CreatedApiKey created = apiKeys.create(owner, new ApiKeyDraft("Reader", teams.roleId(owner, "member"), 90));

        TenantScope key = apiKeys.authenticate(created.secret(), true).orElseThrow();
        apiKeys.authenticate(created.secret(), true).orElseThrow();
        apiKeys.authenticate(created.secret(), false).orElseThrow();

        assertThat(key.workspaceId()).isEqualTo(owner.workspaceId());
        assertThat(key.actor()).isEqualTo(new Actor.ApiKey(created.key().id(), "Reader", owner.accountId()));
        assertThat(access.has(key, Permissions.MEMBERS_VIEW)).isTrue();
        assertThat(access.has(key, Permissions.MEMBERS_INVITE)).isFalse();
        ApiKey listed = apiKeys.list(owner).getFirst();
        assertThat(listed.reads()).isEqualTo(2);
        assertThat(listed.lastUsedAt()).isNotNull();
    }

    @Test
    void aRevokedKeyIsRefusedAtItsNextUseAndEvenAnExistingScopePassesNoCheck() {
        TenantScope owner = teams.newWorkspace("Vera");
        CreatedApiKey created = apiKeys.create(owner, new ApiKeyDraft("Soon gone", teams.roleId(owner, "member"), 90));
        TenantScope key = apiKeys.authenticate(created.secret(), true).orElseThrow();

        apiKeys.revoke(owner, created.key().id());

        assertThat(apiKeys.authenticate(created.secret(), true)).isEmpty();
        assertThatThrownBy(() -> access.require(key, Permissions.MEMBERS_VIEW))
                .isInstanceOfSatisfying(PermissionDeniedException.class, e -> assertThat(e.code()).isEqualTo("access.api-key-not-usable"));
        assertThatThrownBy(() -> apiKeys.revoke(owner, created.key().id()))
                .isInstanceOfSatisfying(ApiKeyException.class, e -> assertThat(e.code()).isEqualTo("apikey.already-revoked"));
        assertThat(apiKeys.list(owner).getFirst().status()).isEqualTo(ApiKeyStatus.REVOKED);
        assertThat(events(owner, AuditActions.APIKEY_REVOKED)).singleElement()
                .satisfies(event -> assertThat(event.actorId()).isEqualTo(owner.accountId()));
    }

    @Test
    void anExpiredKeyIsRefused() {
        TenantScope owner = teams.newWorkspace("Egon");
        CreatedApiKey created = apiKeys.create(owner, new ApiKeyDraft("Short", teams.roleId(owner, "member"), 1));
        assertThat(apiKeys.authenticate(created.secret(), true)).isPresent();

        clock.advance(Duration.ofDays(1).plusMinutes(1));

        assertThat(apiKeys.authenticate(created.secret(), true)).isEmpty();
        assertThat(apiKeys.list(owner).getFirst().status()).isEqualTo(ApiKeyStatus.EXPIRED);
    }

    @Test
    void aKeyWhoseCreatorCanNoLongerGiveItsRoleIsRefusedWithAStableCode() {
        TenantScope owner = teams.newWorkspace("Dora");
        TenantScope admin = teams.join(owner, "Dan", "admin");
        CreatedApiKey created = apiKeys.create(admin, new ApiKeyDraft("Admin's", teams.roleId(owner, "admin"), 90));
        TenantScope key = apiKeys.authenticate(created.secret(), false).orElseThrow();
        assertThat(access.has(key, Permissions.MEMBERS_INVITE)).isTrue();

        members.changeRole(owner, admin.accountId(), teams.roleId(owner, "member"));

        assertThatThrownBy(() -> access.require(key, Permissions.MEMBERS_VIEW))
                .isInstanceOfSatisfying(PermissionDeniedException.class,
                        e -> assertThat(e.code()).isEqualTo("access.api-key-creator-no-longer-allowed"));
        assertThat(apiKeys.list(owner).getFirst().creatorCanStillGrant()).isFalse();
    }

    private List<AuditEvent> events(TenantScope owner, String action) {
        return audit.page(owner, new AuditFilter(null, action, null, null, null, null), null, null, 50).events();
    }
}
