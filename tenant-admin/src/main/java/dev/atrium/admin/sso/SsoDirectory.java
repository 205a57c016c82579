package dev.atrium.admin.sso;

import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.stereotype.Service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.atrium.admin.keys.KeyPurpose;
import dev.atrium.admin.keys.Keyring;
import dev.atrium.admin.refusal.AtriumRefusal;
import dev.atrium.admin.tenancy.TenantBinder;
import dev.atrium.admin.tenancy.TenantScope;

/**
 * What sign-in needs to know about connections before anyone is signed in or any workspace is bound: which workspace
 * an e-mail address or a direct link {@code /sso/{slug}} leads to (only through an <em>enabled</em> connection), and
 * the connection's client registration for Spring Security's OAuth2 login. The decrypted client secret leaves this
 * class only inside a registration.
 *
 * <p>Registration ids: {@code sso-<workspace id>} signs in through the enabled connection; {@code sso-test-<workspace
 * id>} is an admin's Test connection, served whether or not the connection is enabled (who may use it is checked by
 * the web layer and {@link SsoConnectionTests}). Both use the same redirect URI, the one admins register at their
 * identity provider. Built registrations (which read the issuer's discovery document) are cached by workspace and the
 * connection's {@code updated_at}, so an edit, a disable or a delete takes effect with the next request.
 */
@Service
public class SsoDirectory {

    private static final Logger log = LoggerFactory.getLogger(SsoDirectory.class);
    private static final String PREFIX = "sso-";
    private static final String TEST_PREFIX = "sso-test-";
    /** The same for the test and the sign-in registration: the one the section shows admins to register. */
    private static final String REDIRECT_URI = "{baseUrl}/login/oauth2/code/" + PREFIX;

    private final SsoConnectionRepository connections;
    private final TenantBinder binder;
    private final Keyring keyring;
    private final IdpDocuments documents;
    private final Cache<RegistrationKey, ClientRegistration> registrations = Caffeine.newBuilder()
            .maximumSize(10_000).expireAfterAccess(Duration.ofHours(12)).build();

    SsoDirectory(SsoConnectionRepository connections, TenantBinder binder, Keyring keyring, IdpDocuments documents) {
        this.connections = connections;
        this.binder = binder;
        this.keyring = keyring;
        this.documents = documents;
    }

    /**
     * Home-realm discovery: the workspace whose verified domain is the address's, if its connection is enabled. Any
     * other address (unknown domain, no or a disabled connection, not an address at all) gives empty.
     */
    public Optional<SsoRoute> forEmail(String email) {
        int at = email.lastIndexOf('@');
        if (at < 1 || at == email.length() - 1) {
            return Optional.empty();
        }
        String domain;
        try {
            domain = IDN.toASCII(email.substring(at + 1).strip().toLowerCase(Locale.ROOT), IDN.USE_STD3_ASCII_RULES);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return connections.enabledWorkspaceOfDomain(domain).flatMap(this::route);
    }

    /** The direct link {@code /sso/{slug}}: the workspace, if its connection is enabled. */
    public Optional<SsoRoute> forSlug(String slug) {
        return connections.enabledWorkspaceOfSlug(slug).flatMap(this::route);
    }

    private Optional<SsoRoute> route(UUID workspaceId) {
        return bound(workspaceId).flatMap(scope -> connections.find(scope)
                .map(connection -> new SsoRoute(scope.workspaceId(), scope.slug(), connection.protocol())));
    }

    /**
     * The client registration {@code sso-<workspace id>} (enabled connections only) or {@code sso-test-<workspace id>}
     * (any connection); empty for any other id, a connection that is gone, or an issuer whose discovery fails now.
     */
    public Optional<ClientRegistration> registration(String registrationId) {
        Optional<UUID> test = testWorkspace(registrationId);
        Optional<UUID> workspaceId = test.or(() -> signInWorkspace(registrationId));
        if (workspaceId.isEmpty()) {
            return Optional.empty();
        }
        Optional<TenantScope> scope = bound(workspaceId.get());
        Optional<SsoConnection> connection = scope.flatMap(connections::find)
                .filter(c -> c.protocol() == SsoProtocol.OIDC && (test.isPresent() || c.enabled()));
        if (connection.isEmpty()) {
            return Optional.empty();
        }
        SsoConnection current = connection.get();
        try {
            return Optional.of(registrations.get(new RegistrationKey(registrationId, current.updatedAt()),
                    key -> build(scope.get(), current, registrationId)));
        } catch (RuntimeException e) {
            log.warn("The client registration of workspace {}'s SSO connection could not be built: {}", current.workspaceId(),
                    e.toString());
            return Optional.empty();
        }
    }

    private ClientRegistration build(TenantScope scope, SsoConnection connection, String registrationId) {
        byte[] sealed = connections.sealedSecret(scope).orElseThrow(() -> new IllegalStateException("connection gone"));
        String secret;
        try {
            secret = new String(keyring.aead(KeyPurpose.SSO_CLIENT_SECRETS).decrypt(sealed,
                    SsoService.associatedData(connection.workspaceId())), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The client secret does not decrypt with the current key", e);
        }
        return documents.oidcRegistration(connection.issuer())
                .registrationId(registrationId)
                .clientName(scope.workspaceName())
                .clientId(connection.clientId())
                .clientSecret(secret)
                .scope(connection.scopes())
                .redirectUri(REDIRECT_URI + connection.workspaceId())
                .build();
    }

    private Optional<TenantScope> bound(UUID workspaceId) {
        try {
            return Optional.of(binder.bindSystem(workspaceId));
        } catch (AtriumRefusal e) {
            // Deleted or not served: no sign-in through it.
            return Optional.empty();
        }
    }

    /** The id of the client registration that signs people in through the workspace's connection. */
    public static String signInRegistrationId(UUID workspaceId) {
        return PREFIX + workspaceId;
    }

    /** The id of the client registration of the workspace's Test connection. */
    public static String testRegistrationId(UUID workspaceId) {
        return TEST_PREFIX + workspaceId;
    }

    /** Where an admin's browser starts the workspace's Test connection (Spring Security's authorization request). */
    public static String testStartPath(UUID workspaceId) {
        return "/oauth2/authorization/" + testRegistrationId(workspaceId);
    }

    /** The workspace of a sign-in registration id {@code sso-<workspace id>}. */
    public static Optional<UUID> signInWorkspace(String registrationId) {
        return registrationId.startsWith(TEST_PREFIX) ? Optional.empty() : uuidAfter(PREFIX, registrationId);
    }

    /** The workspace of a test registration id {@code sso-test-<workspace id>}. */
    public static Optional<UUID> testWorkspace(String registrationId) {
        return uuidAfter(TEST_PREFIX, registrationId);
    }

    private static Optional<UUID> uuidAfter(String prefix, String registrationId) {
        if (!registrationId.startsWith(prefix) || registrationId.length() != prefix.length() + 36) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(registrationId.substring(prefix.length())));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private record RegistrationKey(String registrationId, OffsetDateTime connectionVersion) {
    }
}
