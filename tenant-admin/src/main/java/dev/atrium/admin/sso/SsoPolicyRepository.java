package dev.atrium.admin.sso;

import static dev.atrium.db.jooq.platform.Tables.ACCOUNT;
import static dev.atrium.db.jooq.tenant.Tables.ROLE;
import static dev.atrium.db.jooq.tenant.Tables.SSO_BREAK_GLASS_USE;
import static dev.atrium.db.jooq.tenant.Tables.SSO_GROUP_ROLE;
import static dev.atrium.db.jooq.tenant.Tables.SSO_POLICY;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.stereotype.Repository;

import dev.atrium.db.jooq.tenant.tables.records.SsoGroupRoleRecord;

/** The workspace's SSO policies, group mappings and break-glass uses, in its own schema. */
@Repository
class SsoPolicyRepository {

    /** The policy row without its mappings. */
    record Settings(boolean requireSso, boolean requireMfa, MfaPreset mfaPreset, List<String> mfaValues, String groupClaim) {
    }

    /** A mapping row as the sign-in applies it. */
    record Row(UUID id, String group, UUID roleId, UUID configuredBy) {
    }

    Settings settings(DSLContext tenant) {
        return tenant.selectFrom(SSO_POLICY).fetchSingle(SsoPolicyRepository::toSettings);
    }

    /** Reads the policy row and locks it until the transaction ends, so a change starts from what it read. */
    Settings lockSettings(DSLContext tenant) {
        return tenant.selectFrom(SSO_POLICY).forUpdate().fetchSingle(SsoPolicyRepository::toSettings);
    }

    /** False when the row is gone (it never should be). */
    boolean update(DSLContext tenant, Settings settings, OffsetDateTime now) {
        return tenant.update(SSO_POLICY)
                .set(SSO_POLICY.REQUIRE_SSO, settings.requireSso())
                .set(SSO_POLICY.REQUIRE_MFA, settings.requireMfa())
                .set(SSO_POLICY.MFA_PRESET, settings.mfaPreset().name())
                .set(SSO_POLICY.MFA_VALUES, settings.mfaValues().toArray(String[]::new))
                .set(SSO_POLICY.GROUP_CLAIM, settings.groupClaim())
                .set(SSO_POLICY.UPDATED_AT, now)
                .execute() == 1;
    }

    List<GroupRoleMapping> mappings(DSLContext tenant) {
        return tenant.select(SSO_GROUP_ROLE.ID, SSO_GROUP_ROLE.GROUP_VALUE, SSO_GROUP_ROLE.ROLE_ID, ROLE.NAME,
                        SSO_GROUP_ROLE.CONFIGURED_BY, ACCOUNT.DISPLAY_NAME, SSO_GROUP_ROLE.CONFIGURED_AT)
                .from(SSO_GROUP_ROLE)
                .join(ROLE).on(ROLE.ID.eq(SSO_GROUP_ROLE.ROLE_ID))
                .join(ACCOUNT).on(ACCOUNT.ID.eq(SSO_GROUP_ROLE.CONFIGURED_BY))
                .orderBy(SSO_GROUP_ROLE.GROUP_VALUE)
                .fetch(r -> new GroupRoleMapping(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(), r.value7()));
    }

    Optional<GroupRoleMapping> mapping(DSLContext tenant, UUID id) {
        return mappings(tenant).stream().filter(mapping -> mapping.id().equals(id)).findFirst();
    }

    /**
     * The rows whose group is among {@code groups}, locked (shared) until the transaction ends, so that none is
     * removed or replaced before the sign-in that applies them commits.
     */
    List<Row> lockMatching(DSLContext tenant, Collection<String> groups) {
        return tenant.selectFrom(SSO_GROUP_ROLE).where(SSO_GROUP_ROLE.GROUP_VALUE.in(groups))
                .orderBy(SSO_GROUP_ROLE.GROUP_VALUE).forShare()
                .fetch(SsoPolicyRepository::toRow);
    }

    /** The rows whose group is among {@code groups}, not locked: to know which roles to lock before them. */
    List<Row> matching(DSLContext tenant, Collection<String> groups) {
        return tenant.selectFrom(SSO_GROUP_ROLE).where(SSO_GROUP_ROLE.GROUP_VALUE.in(groups)).fetch(SsoPolicyRepository::toRow);
    }

    private static Row toRow(SsoGroupRoleRecord r) {
        return new Row(r.getId(), r.getGroupValue(), r.getRoleId(), r.getConfiguredBy());
    }

    /** Empty when the group is mapped already. */
    Optional<UUID> insert(DSLContext tenant, String group, UUID roleId, UUID configuredBy, OffsetDateTime now) {
        return tenant.insertInto(SSO_GROUP_ROLE)
                .set(SSO_GROUP_ROLE.GROUP_VALUE, group)
                .set(SSO_GROUP_ROLE.ROLE_ID, roleId)
                .set(SSO_GROUP_ROLE.CONFIGURED_BY, configuredBy)
                .set(SSO_GROUP_ROLE.CONFIGURED_AT, now)
                .onConflictDoNothing()
                .returning(SSO_GROUP_ROLE.ID)
                .fetchOptional(SSO_GROUP_ROLE.ID);
    }

    boolean delete(DSLContext tenant, UUID id) {
        return tenant.deleteFrom(SSO_GROUP_ROLE).where(SSO_GROUP_ROLE.ID.eq(id)).execute() == 1;
    }

    /** True only for the first use with this session key: two tabs opening the workspace at once record one. */
    boolean recordBreakGlass(DSLContext tenant, byte[] sessionKey, UUID accountId, OffsetDateTime now) {
        return tenant.insertInto(SSO_BREAK_GLASS_USE)
                .set(SSO_BREAK_GLASS_USE.SESSION_KEY, sessionKey)
                .set(SSO_BREAK_GLASS_USE.ACCOUNT_ID, accountId)
                .set(SSO_BREAK_GLASS_USE.USED_AT, now)
                .onConflictDoNothing()
                .execute() == 1;
    }

    private static Settings toSettings(Record r) {
        return new Settings(r.get(SSO_POLICY.REQUIRE_SSO), r.get(SSO_POLICY.REQUIRE_MFA), MfaPreset.valueOf(r.get(SSO_POLICY.MFA_PRESET)),
                List.of(r.get(SSO_POLICY.MFA_VALUES)), r.get(SSO_POLICY.GROUP_CLAIM));
    }
}
