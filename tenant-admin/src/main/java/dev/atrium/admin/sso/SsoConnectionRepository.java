package dev.atrium.admin.sso;

import static dev.atrium.db.jooq.platform.Tables.SSO_CONNECTION;
import static dev.atrium.db.jooq.platform.Tables.WORKSPACE;
import static dev.atrium.db.jooq.platform.Tables.WORKSPACE_DOMAIN;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Record1;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

import dev.atrium.admin.tenancy.WorkspaceBinding;

/**
 * Workspaces' SSO connections, in the platform schema (sign-in finds them before any workspace is bound). Every method
 * takes the bound workspace, never a bare id, so no lookup can reach another workspace's connection.
 */
@Repository
class SsoConnectionRepository {

    private final DSLContext platform;

    SsoConnectionRepository(DSLContext platform) {
        this.platform = platform;
    }

    Optional<SsoConnection> find(WorkspaceBinding workspace) {
        return platform.selectFrom(SSO_CONNECTION).where(of(workspace))
                .fetchOptional(SsoConnectionRepository::toConnection);
    }

    /** Reads and locks the workspace's connection until the transaction ends, so a change starts from what it read. */
    Optional<SsoConnection> lock(WorkspaceBinding workspace) {
        return platform.selectFrom(SSO_CONNECTION).where(of(workspace)).forUpdate()
                .fetchOptional(SsoConnectionRepository::toConnection);
    }

    /**
     * Reads the workspace's connection and locks it shared until the transaction ends: a sign-in through it commits
     * before a change, disabling or deletion of it does, never with settings that changed meanwhile.
     */
    Optional<SsoConnection> lockShared(WorkspaceBinding workspace) {
        return platform.selectFrom(SSO_CONNECTION).where(of(workspace)).forShare()
                .fetchOptional(SsoConnectionRepository::toConnection);
    }

    /** Empty when the workspace has a connection already (created meanwhile). */
    Optional<SsoConnection> insert(UUID id, WorkspaceBinding workspace, SsoPreset preset, String issuer, String clientId,
            byte[] sealedSecret, List<String> scopes, UUID defaultRoleId, OffsetDateTime now) {
        return platform.insertInto(SSO_CONNECTION)
                .set(SSO_CONNECTION.ID, id)
                .set(SSO_CONNECTION.WORKSPACE_ID, workspace.workspaceId())
                .set(SSO_CONNECTION.PRESET, preset.name())
                .set(SSO_CONNECTION.ISSUER, issuer)
                .set(SSO_CONNECTION.CLIENT_ID, clientId)
                .set(SSO_CONNECTION.CLIENT_SECRET, sealedSecret)
                .set(SSO_CONNECTION.SCOPES, String.join(" ", scopes))
                .set(SSO_CONNECTION.DEFAULT_ROLE_ID, defaultRoleId)
                .set(SSO_CONNECTION.CREATED_AT, now)
                .set(SSO_CONNECTION.UPDATED_AT, now)
                .onConflictDoNothing()
                .returning()
                .fetchOptional()
                .map(SsoConnectionRepository::toConnection);
    }

    /**
     * Changes the settings of an OIDC connection (a SAML one becomes OIDC and loses its SAML settings and key); a null
     * secret keeps the stored one. False when the connection is gone.
     */
    boolean update(WorkspaceBinding workspace, SsoPreset preset, String issuer, String clientId, byte @Nullable [] sealedSecret,
            List<String> scopes, UUID defaultRoleId, OffsetDateTime now) {
        var update = platform.update(SSO_CONNECTION)
                .set(SSO_CONNECTION.PROTOCOL, SsoProtocol.OIDC.name())
                .set(SSO_CONNECTION.SAML_METADATA_URL, (String) null)
                .set(SSO_CONNECTION.SAML_METADATA_XML, (String) null)
                .set(SSO_CONNECTION.SAML_SSO_URL, (String) null)
                .set(SSO_CONNECTION.SAML_IDP_CERTIFICATES, (String) null)
                .set(SSO_CONNECTION.SAML_EMAIL_ATTRIBUTE, (String) null)
                .set(SSO_CONNECTION.SAML_GROUPS_ATTRIBUTE, (String) null)
                .set(SSO_CONNECTION.SAML_ALLOW_IDP_INITIATED, false)
                .set(SSO_CONNECTION.SAML_SP_CERTIFICATE, (String) null)
                .set(SSO_CONNECTION.SAML_SP_PRIVATE_KEY, (byte[]) null)
                .set(SSO_CONNECTION.PRESET, preset.name())
                .set(SSO_CONNECTION.ISSUER, issuer)
                .set(SSO_CONNECTION.CLIENT_ID, clientId)
                .set(SSO_CONNECTION.SCOPES, String.join(" ", scopes))
                .set(SSO_CONNECTION.DEFAULT_ROLE_ID, defaultRoleId)
                .set(SSO_CONNECTION.UPDATED_AT, now)
                // Changed settings are untested settings.
                .setNull(SSO_CONNECTION.TESTED_AT);
        if (sealedSecret != null) {
            update = update.set(SSO_CONNECTION.CLIENT_SECRET, sealedSecret);
        }
        return update.where(of(workspace)).execute() == 1;
    }

    /** Empty when the workspace has a connection already (created meanwhile). */
    Optional<SsoConnection> insertSaml(UUID id, WorkspaceBinding workspace, SsoPreset preset, SamlSettings saml, byte[] sealedKey,
            UUID defaultRoleId, OffsetDateTime now) {
        return platform.insertInto(SSO_CONNECTION)
                .set(SSO_CONNECTION.ID, id)
                .set(SSO_CONNECTION.WORKSPACE_ID, workspace.workspaceId())
                .set(SSO_CONNECTION.PROTOCOL, SsoProtocol.SAML.name())
                .set(SSO_CONNECTION.PRESET, preset.name())
                .set(SSO_CONNECTION.ISSUER, saml.idpEntityId())
                .set(samlValues(saml))
                .set(SSO_CONNECTION.SAML_SP_CERTIFICATE, saml.spCertificate())
                .set(SSO_CONNECTION.SAML_SP_PRIVATE_KEY, sealedKey)
                .set(SSO_CONNECTION.DEFAULT_ROLE_ID, defaultRoleId)
                .set(SSO_CONNECTION.CREATED_AT, now)
                .set(SSO_CONNECTION.UPDATED_AT, now)
                .onConflictDoNothing()
                .returning()
                .fetchOptional()
                .map(SsoConnectionRepository::toConnection);
    }

    /**
     * Changes the settings of a SAML connection, or turns an OIDC connection into one (dropping its client secret);
     * a null key keeps the stored key and certificate. False when the connection is gone.
     */
    boolean updateSaml(WorkspaceBinding workspace, SsoPreset preset, SamlSettings saml, byte @Nullable [] sealedKey,
            UUID defaultRoleId, OffsetDateTime now) {
        var update = platform.update(SSO_CONNECTION)
                .set(SSO_CONNECTION.PROTOCOL, SsoProtocol.SAML.name())
                .set(SSO_CONNECTION.PRESET, preset.name())
                .set(SSO_CONNECTION.ISSUER, saml.idpEntityId())
                .set(SSO_CONNECTION.CLIENT_ID, (String) null)
                .set(SSO_CONNECTION.CLIENT_SECRET, (byte[]) null)
                .set(SSO_CONNECTION.SCOPES, (String) null)
                .set(samlValues(saml))
                .set(SSO_CONNECTION.DEFAULT_ROLE_ID, defaultRoleId)
                .set(SSO_CONNECTION.UPDATED_AT, now);
        if (sealedKey != null) {
            update = update.set(SSO_CONNECTION.SAML_SP_CERTIFICATE, saml.spCertificate()).set(SSO_CONNECTION.SAML_SP_PRIVATE_KEY, sealedKey);
        }
        return update.where(of(workspace)).execute() == 1;
    }

    /** The SAML connection's sealed service-provider key, if the workspace has a SAML connection. */
    Optional<byte[]> samlKey(WorkspaceBinding workspace) {
        return platform.select(SSO_CONNECTION.SAML_SP_PRIVATE_KEY).from(SSO_CONNECTION)
                .where(of(workspace)).and(SSO_CONNECTION.SAML_SP_PRIVATE_KEY.isNotNull())
                .fetchOptional(SSO_CONNECTION.SAML_SP_PRIVATE_KEY);
    }

    private static Map<Field<?>, Object> samlValues(SamlSettings saml) {
        Map<Field<?>, Object> values = new LinkedHashMap<>();
        values.put(SSO_CONNECTION.SAML_METADATA_URL, saml.metadataUrl());
        values.put(SSO_CONNECTION.SAML_METADATA_XML, saml.metadataXml());
        values.put(SSO_CONNECTION.SAML_SSO_URL, saml.ssoUrl());
        values.put(SSO_CONNECTION.SAML_IDP_CERTIFICATES, String.join(" ", saml.idpCertificates()));
        values.put(SSO_CONNECTION.SAML_EMAIL_ATTRIBUTE, saml.emailAttribute());
        values.put(SSO_CONNECTION.SAML_GROUPS_ATTRIBUTE, saml.groupsAttribute());
        values.put(SSO_CONNECTION.SAML_ALLOW_IDP_INITIATED, saml.allowIdpInitiated());
        return values;
    }

    boolean setEnabled(WorkspaceBinding workspace, boolean enabled, OffsetDateTime now) {
        return platform.update(SSO_CONNECTION)
                .set(SSO_CONNECTION.ENABLED, enabled)
                .set(SSO_CONNECTION.UPDATED_AT, now)
                .where(of(workspace))
                .execute() == 1;
    }

    /** The sealed client secret, for building the connection's client registration. */
    Optional<byte[]> sealedSecret(WorkspaceBinding workspace) {
        return platform.select(SSO_CONNECTION.CLIENT_SECRET).from(SSO_CONNECTION).where(of(workspace)).fetchOptional(Record1::value1);
    }

    /**
     * Records a successful test of the settings as they were at {@code testedVersion} (their {@code updated_at}). False
     * when they changed since (or the connection is gone): that test says nothing about the current settings.
     */
    boolean markTested(WorkspaceBinding workspace, OffsetDateTime testedVersion, OffsetDateTime now) {
        return platform.update(SSO_CONNECTION)
                .set(SSO_CONNECTION.TESTED_AT, now)
                .where(of(workspace)).and(SSO_CONNECTION.UPDATED_AT.eq(testedVersion))
                .execute() == 1;
    }

    /** Whether a test succeeded since the settings last changed. */
    boolean testedSinceChange(WorkspaceBinding workspace) {
        return platform.fetchExists(SSO_CONNECTION, of(workspace).and(SSO_CONNECTION.TESTED_AT.isNotNull()));
    }

    /**
     * The workspace whose verified domain this is, if its connection is enabled: home-realm discovery, before any
     * workspace is bound.
     */
    Optional<UUID> enabledWorkspaceOfDomain(String domain) {
        return platform.select(SSO_CONNECTION.WORKSPACE_ID).from(SSO_CONNECTION)
                .join(WORKSPACE_DOMAIN).on(WORKSPACE_DOMAIN.WORKSPACE_ID.eq(SSO_CONNECTION.WORKSPACE_ID))
                .where(WORKSPACE_DOMAIN.DOMAIN.eq(domain)).and(WORKSPACE_DOMAIN.VERIFIED.isTrue())
                .and(SSO_CONNECTION.ENABLED.isTrue())
                .fetchOptional(Record1::value1);
    }

    /** The workspace with this slug, if its connection is enabled: the direct link {@code /sso/{slug}}. */
    Optional<UUID> enabledWorkspaceOfSlug(String slug) {
        return platform.select(SSO_CONNECTION.WORKSPACE_ID).from(SSO_CONNECTION)
                .join(WORKSPACE).on(WORKSPACE.ID.eq(SSO_CONNECTION.WORKSPACE_ID))
                .where(WORKSPACE.SLUG.eq(slug)).and(SSO_CONNECTION.ENABLED.isTrue())
                .fetchOptional(Record1::value1);
    }

    boolean delete(WorkspaceBinding workspace) {
        return platform.deleteFrom(SSO_CONNECTION).where(of(workspace)).execute() == 1;
    }

    private static Condition of(WorkspaceBinding workspace) {
        return SSO_CONNECTION.WORKSPACE_ID.eq(workspace.workspaceId());
    }

    private static SsoConnection toConnection(Record r) {
        SsoProtocol protocol = SsoProtocol.valueOf(r.get(SSO_CONNECTION.PROTOCOL));
        SamlSettings saml = protocol != SsoProtocol.SAML ? null
                : new SamlSettings(r.get(SSO_CONNECTION.SAML_METADATA_URL), r.get(SSO_CONNECTION.SAML_METADATA_XML),
                        r.get(SSO_CONNECTION.ISSUER), r.get(SSO_CONNECTION.SAML_SSO_URL),
                        List.of(r.get(SSO_CONNECTION.SAML_IDP_CERTIFICATES).split(" ")), r.get(SSO_CONNECTION.SAML_EMAIL_ATTRIBUTE),
                        r.get(SSO_CONNECTION.SAML_GROUPS_ATTRIBUTE), r.get(SSO_CONNECTION.SAML_ALLOW_IDP_INITIATED),
                        r.get(SSO_CONNECTION.SAML_SP_CERTIFICATE));
        String scopes = r.get(SSO_CONNECTION.SCOPES);
        return new SsoConnection(r.get(SSO_CONNECTION.ID), r.get(SSO_CONNECTION.WORKSPACE_ID),
                SsoPreset.valueOf(r.get(SSO_CONNECTION.PRESET)), r.get(SSO_CONNECTION.ISSUER),
                Objects.requireNonNullElse(r.get(SSO_CONNECTION.CLIENT_ID), ""),
                scopes == null ? List.of() : Arrays.asList(scopes.split(" ")), r.get(SSO_CONNECTION.DEFAULT_ROLE_ID),
                r.get(SSO_CONNECTION.ENABLED), r.get(SSO_CONNECTION.CREATED_AT), r.get(SSO_CONNECTION.UPDATED_AT), protocol, saml);
    }
}
