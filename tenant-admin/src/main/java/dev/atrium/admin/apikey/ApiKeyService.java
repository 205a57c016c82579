package dev.atrium.admin.apikey;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiPredicate;
import java.util.stream.Stream;

import org.jooq.DSLContext;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.atrium.admin.access.AccessControl;
import dev.atrium.admin.access.Permissions;
import dev.atrium.admin.access.RoleSummary;
import dev.atrium.admin.audit.AuditActions;
import dev.atrium.admin.audit.AuditLog;
import dev.atrium.admin.audit.AuditTarget;
import dev.atrium.admin.role.RoleService;
import dev.atrium.admin.tenancy.Actor;
import dev.atrium.admin.tenancy.TenantBinder;
import dev.atrium.admin.tenancy.TenantDsl;
import dev.atrium.admin.tenancy.TenantNotFoundException;
import dev.atrium.admin.tenancy.TenantScope;

/**
 * Creating, listing and revoking API keys, and finding the workspace a presented secret may act in. A key acts with
 * its role on its creator's authority: the permission check reads the key again at every use ({@code AccessControl}),
 * so revoking it, its expiry and its creator's demotion hold from the next request on, on every node.
 */
@Service
public class ApiKeyService {

    public static final int DEFAULT_EXPIRY_DAYS = 90;
    public static final int MAX_EXPIRY_DAYS = 365;
    public static final int MAX_NAME_LENGTH = 100;
    /** Keys that still work, per workspace: revoked and expired ones do not count. */
    public static final int MAX_ACTIVE_KEYS = 50;

    private final ApiKeyRepository keys;
    private final TenantDsl tenantDsl;
    private final TenantBinder binder;
    private final AccessControl access;
    private final RoleService roles;
    private final AuditLog auditLog;
    private final Clock clock;

    ApiKeyService(ApiKeyRepository keys, TenantDsl tenantDsl, TenantBinder binder, AccessControl access, RoleService roles,
            AuditLog auditLog, Clock clock) {
        this.keys = keys;
        this.tenantDsl = tenantDsl;
        this.binder = binder;
        this.access = access;
        this.roles = roles;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    /**
     * Creates a key with a role the acting member may give. Its secret is in the result and nowhere else.
     *
     * @throws ApiKeyException when the draft breaks a rule; nothing is stored
     */
    @Transactional
    public CreatedApiKey create(TenantScope scope, ApiKeyDraft draft) {
        RoleSummary acting = access.require(scope, Permissions.API_KEYS_MANAGE);
        String name = draft.name().strip();
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            throw new ApiKeyException("apikey.name", MAX_NAME_LENGTH);
        }
        RoleSummary role = access.lockRole(scope, draft.roleId()).orElseThrow(() -> new ApiKeyException("apikey.role-missing"));
        access.requireAssignable(acting, role);
        OffsetDateTime createdAt = now();
        OffsetDateTime expiresAt;
        if (draft.expiryDays() == null) {
            if (!acting.isOwner()) {
                throw new ApiKeyException("apikey.never-expires-owner-only");
            }
            expiresAt = null;
        } else if (draft.expiryDays() < 1 || draft.expiryDays() > MAX_EXPIRY_DAYS) {
            throw new ApiKeyException("apikey.expiry-days", MAX_EXPIRY_DAYS);
        } else {
            expiresAt = createdAt.plusDays(draft.expiryDays());
        }
        if (keys.lockAndCountActive(tenantDsl.of(scope), scope) >= MAX_ACTIVE_KEYS) {
            throw new ApiKeyException("apikey.too-many", MAX_ACTIVE_KEYS);
        }
        UUID id = UUID.randomUUID();
        String secret = ApiKeySecrets.newSecret(id);
        keys.insert(tenantDsl.of(scope), id, name, role.id(), scope.accountId(), createdAt, expiresAt, ApiKeySecrets.hash(secret));
        keys.insertRoute(id, scope.workspaceId());
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("name", name);
        after.put("role", role.name());
        after.put("expiresAt", expiresAt == null ? "never" : expiresAt.toString());
        auditLog.record(scope, AuditActions.APIKEY_CREATED, target(id, name), null, after);
        ApiKey created = list(scope).stream().filter(key -> key.id().equals(id)).findFirst().orElseThrow();
        return new CreatedApiKey(created, secret);
    }

    /** Every key of the workspace, newest first; a key whose creator can no longer give its role says so. */
    @Transactional(readOnly = true)
    public List<ApiKey> list(TenantScope scope) {
        access.require(scope, Permissions.API_KEYS_MANAGE);
        List<ApiKeyRepository.Listed> all = keys.list(tenantDsl.of(scope));
        BiPredicate<UUID, UUID> creatorMayGive = roles.grantorsMayStillGive(scope, all.stream()
                .flatMap(listed -> Stream.of(listed.creatorRoleId(), listed.row().roleId())).toList());
        OffsetDateTime now = now();
        return all.stream().map(listed -> {
            ApiKeyRepository.Row row = listed.row();
            boolean creatorCanGrant = creatorMayGive.test(listed.creatorRoleId(), row.roleId());
            return new ApiKey(row.id(), row.name(), row.roleId(), listed.roleName(), listed.createdBy(), listed.createdAt(),
                    row.expiresAt(), listed.lastUsedAt(), listed.reads(), row.status(now), creatorCanGrant);
        }).toList();
    }

    /**
     * Revokes the key: its next request is refused.
     *
     * @throws ApiKeyException when there is no such key or it was revoked already
     */
    @Transactional
    public void revoke(TenantScope scope, UUID keyId) {
        access.require(scope, Permissions.API_KEYS_MANAGE);
        DSLContext tenant = tenantDsl.of(scope);
        ApiKeyRepository.Row row = keys.findForUpdate(tenant, keyId).orElseThrow(() -> new ApiKeyException("apikey.not-found"));
        if (row.revokedAt() != null) {
            throw new ApiKeyException("apikey.already-revoked");
        }
        keys.revoke(tenant, keyId, scope.accountId());
        auditLog.record(scope, AuditActions.APIKEY_REVOKED, target(keyId, row.name()),
                Map.of("status", row.status(now()).name().toLowerCase(Locale.ROOT)), Map.of("status", "revoked"));
    }

    /**
     * The workspace a presented secret acts in, bound to its key, when the secret is one of a key that is neither
     * revoked nor expired; the use is noted (a read is counted). Whether the key's role may still act is decided by
     * each permission check.
     *
     * @param read whether the request only reads (counted per key rather than audited)
     */
    @Transactional
    public Optional<TenantScope> authenticate(String secret, boolean read) {
        Optional<UUID> keyId = ApiKeySecrets.keyIdOf(secret);
        Optional<UUID> workspaceId = keyId.flatMap(keys::workspaceOf);
        if (workspaceId.isEmpty()) {
            return Optional.empty();
        }
        TenantScope system;
        try {
            system = binder.bindSystem(workspaceId.get());
        } catch (TenantNotFoundException deleted) {
            return Optional.empty();
        }
        DSLContext tenant = tenantDsl.of(system);
        Optional<ApiKeyRepository.Row> row = keys.find(tenant, keyId.get())
                .filter(found -> ApiKeySecrets.matches(secret, found.secretHash()))
                .filter(found -> found.status(now()) == ApiKeyStatus.ACTIVE);
        row.ifPresent(found -> keys.recordUse(tenant, found.id(), read));
        return row.map(found -> binder.bindApiKey(workspaceId.get(), new Actor.ApiKey(found.id(), found.name(), found.createdBy())));
    }

    private static AuditTarget target(UUID keyId, String name) {
        return new AuditTarget("api_key", keyId.toString(), name);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    }
}
