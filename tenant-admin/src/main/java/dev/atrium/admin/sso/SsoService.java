package dev.atrium.admin.sso;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.atrium.admin.access.AccessControl;
import dev.atrium.admin.access.Permissions;
import dev.atrium.admin.access.RoleSummary;
import dev.atrium.admin.audit.AuditActions;
import dev.atrium.admin.audit.AuditLog;
import dev.atrium.admin.audit.AuditTarget;
import dev.atrium.admin.domain.DomainService;
import dev.atrium.admin.domain.WorkspaceDomain;
import dev.atrium.admin.keys.KeyPurpose;
import dev.atrium.admin.keys.Keyring;
import dev.atrium.admin.role.RoleService;
import dev.atrium.admin.tenancy.TenantScope;

/**
 * The workspace's connection (OIDC or SAML), for holders of {@code workspace.manage_sso}. Saving an OIDC connection
 * reads the issuer's discovery document first (outside any transaction) and refuses an issuer that does not answer
 * with a valid one; saving a SAML connection reads the IdP's metadata the same way. The client secret and a SAML
 * connection's private key are encrypted with {@link KeyPurpose#SSO_CLIENT_SECRETS}, bound to the workspace, never
 * returned and never audited. The default role, given to people who join through the connection, is never Owner and never a role the
 * configuring admin could not hand out themselves. A connection is saved disabled; enabling it checks the default
 * role again with the enabling admin's rights. Every change is audited in its own transaction.
 */
@Service
public class SsoService {

    private static final Logger log = LoggerFactory.getLogger(SsoService.class);
    /** What the audit log shows in place of the client secret. */
    public static final String REDACTED = "[redacted]";
    static final int MAX_ISSUER_LENGTH = 500;
    static final int MAX_CLIENT_ID_LENGTH = 255;
    static final int MAX_SECRET_LENGTH = 1000;
    static final int MAX_ATTRIBUTE_LENGTH = 255;
    private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");

    private final SsoConnectionRepository connections;
    private final AccessControl access;
    private final RoleService roles;
    private final DomainService domains;
    private final Keyring keyring;
    private final AuditLog auditLog;
    private final IdpDocuments documents;
    private final TransactionTemplate transaction;
    private final Clock clock;

    SsoService(SsoConnectionRepository connections, AccessControl access, RoleService roles, DomainService domains,
            Keyring keyring, AuditLog auditLog, IdpDocuments documents, PlatformTransactionManager transactionManager, Clock clock) {
        this.connections = connections;
        this.access = access;
        this.roles = roles;
        this.domains = domains;
        this.keyring = keyring;
        this.auditLog = auditLog;
        this.documents = documents;
        this.transaction = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /** The workspace's connection, if it has one. */
    public Optional<SsoConnection> connection(TenantScope scope) {
        access.require(scope, Permissions.WORKSPACE_MANAGE_SSO);
        return connections.find(scope);
    }

    /** The roles the acting admin may make a connection's default role: what they may hand out, never Owner. */
    public List<RoleSummary> defaultRoleChoices(TenantScope scope) {
        access.require(scope, Permissions.WORKSPACE_MANAGE_SSO);
        return roles.assignableRoles(scope).stream().filter(role -> !role.isOwner()).toList();
    }

    /**
     * Creates the workspace's connection (disabled) or changes it (keeping whether it is enabled).
     *
     * @throws SsoException for missing or invalid input, an issuer whose discovery fails, or a default role that is
     *         gone, Owner, or stronger than the acting admin may grant
     */
    public SsoConnection save(TenantScope scope, SsoConnectionDraft draft) {
        RoleSummary acting = access.require(scope, Permissions.WORKSPACE_MANAGE_SSO);
        String issuer = issuer(draft.issuer());
        String clientId = required(draft.clientId(), "sso.client-id-missing", MAX_CLIENT_ID_LENGTH);
        String secret = draft.clientSecret().strip();
        if (secret.length() > MAX_SECRET_LENGTH) {
            throw new SsoException("sso.client-secret-too-long", MAX_SECRET_LENGTH);
        }
        List<String> scopes = scopes(draft.scopes());
        RoleSummary defaultRole = defaultRole(scope, acting, draft.defaultRoleId());
        requireHostedDomainIfNeeded(scope, draft.preset());
        discover(issuer, clientId, scopes);
        byte[] sealedSecret = secret.isEmpty() ? null : seal(scope.workspaceId(), secret);
        return store(scope, defaultRole, new Write() {
            @Override
            public Optional<SsoConnection> insert(UUID id, OffsetDateTime now) {
                if (sealedSecret == null) {
                    throw new SsoException("sso.client-secret-missing");
                }
                return connections.insert(id, scope, draft.preset(), issuer, clientId, sealedSecret, scopes, defaultRole.id(), now);
            }

            @Override
            public boolean update(SsoConnection before, OffsetDateTime now) {
                if (sealedSecret == null && before.protocol() != SsoProtocol.OIDC) {
                    throw new SsoException("sso.client-secret-missing");
                }
                return connections.update(scope, draft.preset(), issuer, clientId, sealedSecret, scopes, defaultRole.id(), now);
            }

            @Override
            public boolean secretReplaced(SsoConnection before) {
                return sealedSecret != null;
            }
        });
    }

    /**
     * Creates the workspace's SAML connection (disabled), changes it, or turns its OIDC connection into a SAML one
     * (keeping whether it is enabled). The IdP metadata is fetched from its URL (outside any transaction) or read from
     * the pasted XML; the connection's issuer becomes the IdP's entity id. A new SAML connection gets its own
     * service-provider signing key, encrypted at rest and kept when the connection changes.
     *
     * @throws SsoException for missing, unreachable or unusable metadata, an attribute name that is too long, or a
     *         default role that is gone, Owner, or stronger than the acting admin may grant
     */
    public SsoConnection saveSaml(TenantScope scope, SamlConnectionDraft draft) {
        RoleSummary acting = access.require(scope, Permissions.WORKSPACE_MANAGE_SSO);
        String emailAttribute = optional(draft.emailAttribute(), MAX_ATTRIBUTE_LENGTH);
        String groupsAttribute = optional(draft.groupsAttribute(), MAX_ATTRIBUTE_LENGTH);
        RoleSummary defaultRole = defaultRole(scope, acting, draft.defaultRoleId());
        String metadataUrl = optional(draft.metadataUrl(), MAX_ISSUER_LENGTH);
        if (metadataUrl != null) {
            httpsUrl(metadataUrl, "sso.saml-metadata-url-invalid", true);
        } else if (draft.metadataXml().isBlank()) {
            throw new SsoException("sso.saml-metadata-missing");
        }
        SamlMetadata.IdpMetadata idp = SamlMetadata.parse(metadataUrl != null ? documents.samlMetadata(metadataUrl) : draft.metadataXml());
        return store(scope, defaultRole, new Write() {
            @Override
            public Optional<SsoConnection> insert(UUID id, OffsetDateTime now) {
                SamlCredential credential = newCredential(scope);
                return connections.insertSaml(id, scope, draft.preset(), settings(credential.certificateBase64()),
                        SamlKeys.seal(keyring, scope.workspaceId(), credential.privateKey()), defaultRole.id(), now);
            }

            @Override
            public boolean update(SsoConnection before, OffsetDateTime now) {
                if (before.saml() != null) {
                    return connections.updateSaml(scope, draft.preset(), settings(before.saml().spCertificate()), null,
                            defaultRole.id(), now);
                }
                SamlCredential credential = newCredential(scope);
                return connections.updateSaml(scope, draft.preset(), settings(credential.certificateBase64()),
                        SamlKeys.seal(keyring, scope.workspaceId(), credential.privateKey()), defaultRole.id(), now);
            }

            private SamlSettings settings(String spCertificate) {
                return new SamlSettings(metadataUrl, idp.xml(), idp.entityId(), idp.ssoUrl(), idp.certificates(), emailAttribute,
                        groupsAttribute, draft.allowIdpInitiated(), spCertificate);
            }
        });
    }

    /** How a save writes the connection; {@link #store} locks, decides between the two and audits. */
    private interface Write {

        /** Empty when another admin created the connection meanwhile. */
        Optional<SsoConnection> insert(UUID id, OffsetDateTime now);

        /** False when the connection is gone. */
        boolean update(SsoConnection before, OffsetDateTime now);

        default boolean secretReplaced(SsoConnection before) {
            return false;
        }
    }

    /** Creates or changes the connection in one transaction, on its locked row, with the audit event. */
    private SsoConnection store(TenantScope scope, RoleSummary defaultRole, Write write) {
        return transaction.execute(status -> {
            OffsetDateTime now = now();
            Optional<SsoConnection> existing = connections.lock(scope);
            // Held until this commits: a deletion of the role waits, then finds it the default and is refused
            // (SsoDefaultRoleKeeper); one that went first leaves it gone.
            access.lockRole(scope, defaultRole.id()).orElseThrow(() -> new SsoException("sso.default-role-gone"));
            if (existing.isEmpty()) {
                SsoConnection created = write.insert(UUID.randomUUID(), now).orElseThrow(() -> new SsoException("sso.changed-meanwhile"));
                auditLog.record(scope, AuditActions.SSO_CONNECTION_CREATED, target(created), null,
                        audited(created, defaultRole.name(), false));
                return created;
            }
            SsoConnection before = existing.get();
            if (!write.update(before, now)) {
                throw new SsoException("sso.changed-meanwhile");
            }
            SsoConnection after = connections.find(scope).orElseThrow();
            auditLog.record(scope, AuditActions.SSO_CONNECTION_UPDATED, target(after), audited(before, roleName(scope, before), false),
                    audited(after, defaultRole.name(), write.secretReplaced(before)));
            return after;
        });
    }

    private SamlCredential newCredential(TenantScope scope) {
        return SamlCredential.generate("Atrium " + scope.slug(), clock.instant());
    }

    /**
     * Lets people sign in through the connection, once a Test connection succeeded since its settings last changed
     * ({@link SsoConnectionTests}). The default role is checked again, against the enabling admin's rights, because it
     * or their role may have changed since it was saved.
     */
    public SsoConnection enable(TenantScope scope) {
        RoleSummary acting = access.require(scope, Permissions.WORKSPACE_MANAGE_SSO);
        SsoConnection current = connections.find(scope).orElseThrow(() -> new SsoException("sso.not-configured"));
        defaultRole(scope, acting, current.defaultRoleId());
        if (current.requiresHostedDomain()) {
            requireHostedDomainIfNeeded(scope, current.preset());
        }
        return setEnabled(scope, true, AuditActions.SSO_CONNECTION_ENABLED);
    }

    /** Stops sign-ins through the connection; it keeps its settings. */
    public SsoConnection disable(TenantScope scope) {
        access.require(scope, Permissions.WORKSPACE_MANAGE_SSO);
        return setEnabled(scope, false, AuditActions.SSO_CONNECTION_DISABLED);
    }

    /** Deletes the connection and its secret; members who joined through it stay members. */
    public void delete(TenantScope scope) {
        access.require(scope, Permissions.WORKSPACE_MANAGE_SSO);
        transaction.executeWithoutResult(status -> {
            SsoConnection current = connections.lock(scope).orElseThrow(() -> new SsoException("sso.not-configured"));
            if (!connections.delete(scope)) {
                throw new SsoException("sso.changed-meanwhile");
            }
            auditLog.record(scope, AuditActions.SSO_CONNECTION_DELETED, target(current),
                    audited(current, roleName(scope, current), false), null);
        });
    }

    private SsoConnection setEnabled(TenantScope scope, boolean enabled, String action) {
        return transaction.execute(status -> {
            SsoConnection current = connections.lock(scope).orElseThrow(() -> new SsoException("sso.not-configured"));
            if (current.enabled() == enabled) {
                return current;
            }
            // Under the row's lock: a save that would clear the test waits, or went first and cleared it.
            if (enabled && !connections.testedSinceChange(scope)) {
                throw new SsoException("sso.not-tested");
            }
            if (!connections.setEnabled(scope, enabled, now())) {
                throw new SsoException("sso.changed-meanwhile");
            }
            auditLog.record(scope, action, target(current), Map.of("enabled", current.enabled()), Map.of("enabled", enabled));
            return connections.find(scope).orElseThrow();
        });
    }

    private RoleSummary defaultRole(TenantScope scope, RoleSummary acting, UUID roleId) {
        RoleSummary role = roles.find(scope, roleId).orElseThrow(() -> new SsoException("sso.default-role-gone"));
        if (role.isOwner()) {
            throw new SsoException("sso.default-role-owner");
        }
        access.requireAssignable(acting, role);
        return role;
    }

    private void requireHostedDomainIfNeeded(TenantScope scope, SsoPreset preset) {
        if (preset.requiresHostedDomain() && domains.domains(scope).stream().noneMatch(WorkspaceDomain::verified)) {
            throw new SsoException("sso.hosted-domain-needs-verified-domain");
        }
    }

    /** Reads the issuer's discovery document ({@link IdpDocuments}) and checks a registration can be built from it. */
    private void discover(String issuer, String clientId, List<String> scopes) {
        ClientRegistration.Builder discovered = documents.oidcRegistration(issuer);
        try {
            discovered.registrationId("discovery-check").clientId(clientId).scope(scopes).build();
        } catch (RuntimeException e) {
            log.info("OIDC discovery of {} failed: {}", issuer, e.toString());
            throw new SsoException("sso.discovery-failed", issuer);
        }
    }

    /** An absolute https URL; plain http only on the loopback interface (local development and tests). */
    static String issuer(String typed) {
        String issuer = required(typed, "sso.issuer-missing", MAX_ISSUER_LENGTH);
        while (issuer.endsWith("/")) {
            issuer = issuer.substring(0, issuer.length() - 1);
        }
        return httpsUrl(issuer, "sso.issuer-invalid", false);
    }

    /**
     * An absolute https URL without user info or fragment, and without a query unless {@code queryAllowed}; plain
     * http only on the loopback interface (local development and tests).
     */
    static String httpsUrl(String url, String invalidCode, boolean queryAllowed) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean loopback = uri.getHost() != null && LOOPBACK_HOSTS.contains(uri.getHost().toLowerCase(Locale.ROOT));
            if (uri.getHost() == null || !queryAllowed && uri.getRawQuery() != null || uri.getRawFragment() != null
                    || uri.getUserInfo() != null || !(scheme.equals("https") || scheme.equals("http") && loopback)) {
                throw new SsoException(invalidCode, url);
            }
            return url;
        } catch (URISyntaxException e) {
            throw new SsoException(invalidCode, url);
        }
    }

    /** Distinct scopes in the order typed, {@code openid} first. */
    static List<String> scopes(String typed) {
        List<String> scopes = new ArrayList<>(List.of("openid"));
        for (String scope : typed.split("[\\s,]+")) {
            if (scope.isEmpty() || scopes.contains(scope)) {
                continue;
            }
            if (!scope.matches("[\\x21\\x23-\\x5B\\x5D-\\x7E]{1,100}")) {
                throw new SsoException("sso.scope-invalid", scope);
            }
            scopes.add(scope);
        }
        return List.copyOf(scopes);
    }

    private static String required(String typed, String missingCode, int maxLength) {
        String value = typed.strip();
        if (value.isEmpty()) {
            throw new SsoException(missingCode);
        }
        if (value.length() > maxLength) {
            throw new SsoException("sso.too-long", maxLength);
        }
        return value;
    }

    /** Null when blank. */
    private static @Nullable String optional(String typed, int maxLength) {
        String value = typed.strip();
        if (value.length() > maxLength) {
            throw new SsoException("sso.too-long", maxLength);
        }
        return value.isEmpty() ? null : value;
    }

    private byte[] seal(UUID workspaceId, String secret) {
        try {
            return keyring.aead(KeyPurpose.SSO_CLIENT_SECRETS).encrypt(secret.getBytes(StandardCharsets.UTF_8), associatedData(workspaceId));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not encrypt the client secret", e);
        }
    }

    /** Binds a sealed secret to its workspace, so a ciphertext copied to another workspace's row does not decrypt. */
    static byte[] associatedData(UUID workspaceId) {
        return ("sso-client-secret:" + workspaceId).getBytes(StandardCharsets.US_ASCII);
    }

    private String roleName(TenantScope scope, SsoConnection connection) {
        return roles.find(scope, connection.defaultRoleId()).map(RoleSummary::name).orElse(connection.defaultRoleId().toString());
    }

    /** The connection's settings for the audit log: the client secret and private key only as {@link #REDACTED}. */
    private static Map<String, Object> audited(SsoConnection connection, String defaultRole, boolean secretReplaced) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("protocol", connection.protocol().name());
        values.put("preset", connection.preset().name());
        values.put("issuer", connection.issuer());
        SamlSettings saml = connection.saml();
        if (saml == null) {
            values.put("clientId", connection.clientId());
            values.put("clientSecret", REDACTED);
            if (secretReplaced) {
                values.put("clientSecretReplaced", true);
            }
            values.put("scopes", String.join(" ", connection.scopes()));
        } else {
            if (saml.metadataUrl() != null) {
                values.put("metadataUrl", saml.metadataUrl());
            }
            values.put("ssoUrl", saml.ssoUrl());
            values.put("idpCertificates", saml.idpCertificates().stream().map(SamlKeys::fingerprint).toList());
            values.put("emailAttribute", saml.emailAttribute() == null ? "NameID" : saml.emailAttribute());
            if (saml.groupsAttribute() != null) {
                values.put("groupsAttribute", saml.groupsAttribute());
            }
            values.put("allowIdpInitiated", saml.allowIdpInitiated());
            values.put("spCertificate", SamlKeys.fingerprint(saml.spCertificate()));
            values.put("spPrivateKey", REDACTED);
        }
        values.put("defaultRole", defaultRole);
        values.put("enabled", connection.enabled());
        return values;
    }

    private static AuditTarget target(SsoConnection connection) {
        return new AuditTarget("sso_connection", connection.id().toString(), connection.issuer());
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    }
}
