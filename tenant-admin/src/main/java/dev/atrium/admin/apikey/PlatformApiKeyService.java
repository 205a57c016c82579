package dev.atrium.admin.apikey;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.atrium.admin.security.OperatorAccess;
import dev.atrium.admin.tenancy.Actor;

/**
 * Platform API keys: what an operator gives a SaaS backend so that it can create workspaces for its customers (as
 * WorkOS's and Clerk's backend keys create organizations). A platform key belongs to no workspace and reaches none: the
 * REST API lets it call {@code POST /api/v1/workspaces} only, and a workspace's key never that. Only operators create,
 * list and revoke them; the secret has the workspace keys' format with its own prefix ({@link ApiKeySecrets}), is shown
 * once and stored as its SHA-256; every request reads the key's row, so revocation and expiry hold from the next
 * request on, on every node. The key's row records who created and who revoked it and when; each change is also
 * logged (logger {@code dev.atrium.audit.platform}), and each workspace a key creates names it as the actor of its
 * first audit event.
 */
@Service
public class PlatformApiKeyService {

    /** How exact a key's "last used" is: a use within this long of the noted one is not noted again. */
    public static final Duration LAST_USE_PRECISION = Duration.ofMinutes(1);

    private static final Logger audit = LoggerFactory.getLogger("dev.atrium.audit.platform");

    private final PlatformApiKeyRepository keys;
    private final Clock clock;

    PlatformApiKeyService(PlatformApiKeyRepository keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    /**
     * Creates a key; its secret is in the result and nowhere else.
     *
     * @param expiryDays 1 to {@link ApiKeyService#MAX_EXPIRY_DAYS}; null for a key that never expires
     * @throws ApiKeyException when the caller is no operator or the input breaks a rule; nothing is stored
     */
    @Transactional
    public CreatedPlatformApiKey create(String name, @Nullable Integer expiryDays) {
        UUID operator = requireOperator();
        String trimmed = name.strip();
        if (trimmed.isEmpty() || trimmed.length() > ApiKeyService.MAX_NAME_LENGTH) {
            throw new ApiKeyException("apikey.name", ApiKeyService.MAX_NAME_LENGTH);
        }
        if (expiryDays != null && (expiryDays < 1 || expiryDays > ApiKeyService.MAX_EXPIRY_DAYS)) {
            throw new ApiKeyException("apikey.expiry-days", ApiKeyService.MAX_EXPIRY_DAYS);
        }
        OffsetDateTime createdAt = now();
        OffsetDateTime expiresAt = expiryDays == null ? null : createdAt.plusDays(expiryDays);
        UUID id = UUID.randomUUID();
        String secret = ApiKeySecrets.newPlatformSecret(id);
        keys.insert(id, trimmed, operator, createdAt, expiresAt, ApiKeySecrets.hash(secret));
        audit.info("platform_api_key.created id={} name=\"{}\" by={} expiresAt={}", id, trimmed, operator, expiresAt == null ? "never" : expiresAt);
        PlatformApiKey created = keys.list(createdAt).stream().filter(key -> key.id().equals(id)).findFirst().orElseThrow();
        return new CreatedPlatformApiKey(created, secret);
    }

    /** Every platform key, newest first. */
    @Transactional(readOnly = true)
    public List<PlatformApiKey> list() {
        requireOperator();
        return keys.list(now());
    }

    /**
     * Revokes the key: its next request is refused.
     *
     * @throws ApiKeyException when the caller is no operator, there is no such key or it was revoked already
     */
    @Transactional
    public void revoke(UUID keyId) {
        UUID operator = requireOperator();
        PlatformApiKeyRepository.Row row = keys.findForUpdate(keyId).orElseThrow(() -> new ApiKeyException("platform-key.not-found"));
        if (row.revokedAt() != null) {
            throw new ApiKeyException("platform-key.already-revoked");
        }
        keys.revoke(keyId, operator, now());
        audit.info("platform_api_key.revoked id={} name=\"{}\" by={}", keyId, row.name(), operator);
    }

    /**
     * The key a presented secret belongs to, as the actor of what it does, when it is a platform key's secret and the
     * key is neither revoked nor expired; the use is noted to the {@link #LAST_USE_PRECISION}. No transaction: one read,
     * and once a minute at most a write of its own, since every API request of the key comes through here.
     */
    public Optional<Actor.ApiKey> authenticate(String secret) {
        OffsetDateTime now = now();
        Optional<PlatformApiKeyRepository.Row> row = ApiKeySecrets.platformKeyIdOf(secret)
                .flatMap(keys::find)
                .filter(found -> ApiKeySecrets.matches(secret, found.secretHash()))
                .filter(found -> found.status(now) == ApiKeyStatus.ACTIVE);
        row.filter(found -> found.lastUsedAt() == null || !found.lastUsedAt().plus(LAST_USE_PRECISION).isAfter(now))
                .ifPresent(found -> keys.recordUse(found.id(), now));
        return row.map(found -> new Actor.ApiKey(found.id(), found.name(), found.createdBy()));
    }

    private static UUID requireOperator() {
        return OperatorAccess.currentOperator().orElseThrow(() -> new ApiKeyException("platform-key.operators-only"));
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    }
}
