package dev.atrium.admin.sso;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.xml.xpath.XPathExpressionException;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.w3c.dom.NodeList;

import com.onelogin.saml2.authn.AuthnRequest;
import com.onelogin.saml2.authn.AuthnRequestParams;
import com.onelogin.saml2.authn.SamlResponse;
import com.onelogin.saml2.exception.ValidationError;
import com.onelogin.saml2.settings.Metadata;
import com.onelogin.saml2.settings.Saml2Settings;
import com.onelogin.saml2.settings.SettingsBuilder;
import com.onelogin.saml2.util.Constants;
import com.onelogin.saml2.util.Util;

import dev.atrium.admin.invitation.PublicUrl;
import dev.atrium.admin.keys.Keyring;
import dev.atrium.admin.tenancy.TenantBinder;
import dev.atrium.admin.tenancy.TenantNotFoundException;
import dev.atrium.admin.tenancy.TenantScope;

/**
 * SAML 2.0 sign-in through a workspace's enabled SAML connection, with OneLogin's java-saml-core: the AuthnRequest
 * (HTTP-Redirect binding, signed with the connection's own key), the checks of the response at the assertion consumer
 * service (POST binding), and the service provider's metadata. A response is accepted only with a signed assertion
 * (a signed response must contain one), for the connection's entity id as audience, addressed to its ACS URL, within
 * its time window (with java-saml's three minutes of clock skew), in response to the request this browser's session
 * started (unless the connection allows IdP-initiated sign-in), and only once: its assertion id is recorded until it
 * expires, and a second use is refused as a replay.
 */
@Service
public class SamlService {

    private static final Logger log = LoggerFactory.getLogger(SamlService.class);
    /** java-saml-core's allowed clock skew, which the replay records outlast. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(Constants.ALOWED_CLOCK_DRIFT);
    private static final List<String> DISPLAY_NAME_ATTRIBUTES = List.of("displayName",
            "http://schemas.microsoft.com/identity/claims/displayname", "name", "cn");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Where to send the browser, and what to remember in its session until the response comes back. */
    public record SamlRedirect(String location, String requestId, String relayState) {
    }

    private final SsoConnectionRepository connections;
    private final SamlAssertionRepository assertions;
    private final TenantBinder binder;
    private final Keyring keyring;
    private final PublicUrl publicUrl;
    private final TransactionTemplate transaction;
    private final Clock clock;

    SamlService(SsoConnectionRepository connections, SamlAssertionRepository assertions, TenantBinder binder, Keyring keyring,
            PublicUrl publicUrl, PlatformTransactionManager transactionManager, Clock clock) {
        this.connections = connections;
        this.assertions = assertions;
        this.binder = binder;
        this.keyring = keyring;
        this.publicUrl = publicUrl;
        this.transaction = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /** The service provider's entity id for the workspace's connection: {@code <public URL>/saml/<workspace id>}. */
    public String entityId(UUID workspaceId) {
        return publicUrl.of("/saml/" + workspaceId);
    }

    /** Where the identity provider posts its responses: {@code <public URL>/saml/<workspace id>/acs}. */
    public String acsUrl(UUID workspaceId) {
        return publicUrl.of("/saml/" + workspaceId + "/acs");
    }

    /** Where a sign-in through the workspace's SAML connection starts (also the entry point of {@code /sso/{slug}}). */
    public static String signInStartPath(UUID workspaceId) {
        return "/saml/" + workspaceId + "/login";
    }

    /** Where an admin's browser starts the Test connection of the workspace's SAML connection. */
    public static String testStartPath(UUID workspaceId) {
        return "/saml/" + workspaceId + "/test";
    }

    /** Where the service provider's metadata is served: {@code <public URL>/saml/<workspace id>/metadata}. */
    public String metadataUrl(UUID workspaceId) {
        return publicUrl.of("/saml/" + workspaceId + "/metadata");
    }

    /**
     * The service provider's metadata for the workspace's SAML connection (enabled or not): entity id, ACS (POST
     * binding) and signing certificate; AuthnRequests are signed, assertions must be.
     *
     * @throws SsoException {@code sso.saml-not-configured} when the workspace has no SAML connection
     */
    public String spMetadata(UUID workspaceId) {
        TenantScope workspace = bind(workspaceId, "sso.saml-not-configured");
        try {
            return new Metadata(settings(configured(workspace), null)).getMetadataString();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Starts an SP-initiated sign-in: a signed AuthnRequest for the IdP's sign-on URL (HTTP-Redirect binding).
     *
     * @param reauthenticate ask the IdP to authenticate the person again now ({@code ForceAuthn}), as a step-up does
     * @throws SsoException {@code sso.saml-not-enabled} when the workspace has no enabled SAML connection
     */
    public SamlRedirect startSignIn(UUID workspaceId, boolean reauthenticate) {
        TenantScope workspace = bind(workspaceId, "sso.saml-not-enabled");
        return start(workspace, enabled(workspace), reauthenticate, "sso.saml-not-enabled");
    }

    /**
     * Starts an admin's Test connection of the workspace's SAML connection, enabled or not (who may is checked by the
     * web layer and {@link SsoConnectionTests}): an AuthnRequest as for a sign-in, asking the IdP to authenticate again.
     *
     * @throws SsoException {@code sso.saml-not-configured} when the workspace has no SAML connection
     */
    public SamlRedirect startTest(UUID workspaceId) {
        TenantScope workspace = bind(workspaceId, "sso.saml-not-configured");
        return start(workspace, configured(workspace), true, "sso.saml-not-configured");
    }

    /** {@code refusal} when the connection's key is gone: deleted, or switched to OIDC, since it was read. */
    private SamlRedirect start(TenantScope workspace, SsoConnection connection, boolean reauthenticate, String refusal) {
        UUID workspaceId = workspace.workspaceId();
        PrivateKey key = SamlKeys.unseal(keyring, workspaceId,
                connections.samlKey(workspace).orElseThrow(() -> new SsoException(refusal)));
        Saml2Settings settings = settings(connection, key);
        AuthnRequest request = new AuthnRequest(settings, new AuthnRequestParams(reauthenticate, false, true));
        byte[] state = new byte[32];
        RANDOM.nextBytes(state);
        String relayState = Base64.getUrlEncoder().withoutPadding().encodeToString(state);
        try {
            String query = "SAMLRequest=" + Util.urlEncoder(request.getEncodedAuthnRequest(true)) + "&RelayState="
                    + Util.urlEncoder(relayState) + "&SigAlg=" + Util.urlEncoder(Constants.RSA_SHA256);
            String signature = Util.base64encoder(Util.sign(query, key, Constants.RSA_SHA256));
            String ssoUrl = connection.saml().ssoUrl();
            return new SamlRedirect(ssoUrl + (ssoUrl.contains("?") ? "&" : "?") + query + "&Signature=" + Util.urlEncoder(signature),
                    request.getId(), relayState);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Could not sign the AuthnRequest", e);
        }
    }

    /**
     * Checks a response posted to the workspace's ACS and records its assertion as used.
     *
     * @param samlResponse the {@code SAMLResponse} form field (base64)
     * @param requestId the id of the AuthnRequest this browser's session started, if any
     * @return what the identity provider said about the person
     * @throws SsoException with a {@code sso.saml-*} code for every refusal; nothing is recorded then
     */
    public SsoIdentity verify(UUID workspaceId, String samlResponse, @Nullable String requestId) {
        TenantScope workspace = bind(workspaceId, "sso.saml-not-enabled");
        SsoConnection connection = enabled(workspace);
        return check(workspace, connection, samlResponse, requestId, connection.saml().allowIdpInitiated()).identity();
    }

    /**
     * Checks the answer to an admin's Test connection as strictly as a sign-in's (it must answer the test's own
     * request) and records its assertion as used.
     *
     * @return what came back, for the admin to see: issuer, NameID, AuthnContextClassRef and every attribute
     * @throws SsoException with a {@code sso.saml-*} code when a check fails
     */
    public Map<String, String> verifyTest(UUID workspaceId, String samlResponse, String requestId) {
        TenantScope workspace = bind(workspaceId, "sso.saml-not-configured");
        Checked checked = check(workspace, configured(workspace), samlResponse, requestId, false);
        Map<String, String> shown = new LinkedHashMap<>();
        shown.put("Issuer", checked.identity().issuer());
        shown.put("NameID", checked.identity().subject());
        shown.put("AuthnContextClassRef", String.join(" ", checked.identity().authenticationMethods()));
        checked.attributes().forEach((name, values) -> shown.put(name, String.join(", ", values)));
        return shown;
    }

    private record Checked(SsoIdentity identity, Map<String, List<String>> attributes) {
    }

    private Checked check(TenantScope workspace, SsoConnection connection, String samlResponse, @Nullable String requestId,
            boolean allowIdpInitiated) {
        UUID workspaceId = workspace.workspaceId();
        SamlSettings saml = connection.saml();
        if (requestId == null && !allowIdpInitiated) {
            throw new SsoException("sso.saml-unsolicited");
        }
        CheckedResponse response;
        try {
            response = new CheckedResponse(settings(connection, null), acsUrl(workspaceId), samlResponse);
        } catch (Exception e) {
            log.info("SAML response for workspace {} could not be read: {}", workspaceId, e.toString());
            throw new SsoException("sso.saml-invalid");
        }
        // A connection that allows IdP-initiated sign-in also takes an unsolicited response while a request is pending.
        String expected = allowIdpInitiated && response.inResponseTo() == null ? null : requestId;
        if (!response.isValid(expected)) {
            Exception error = response.getValidationException();
            log.info("SAML response for workspace {} refused: {}", workspaceId, error == null ? response.getError() : error.getMessage());
            throw new SsoException(refusal(error));
        }
        try {
            if (response.getAudiences().isEmpty()) {
                throw new SsoException("sso.saml-audience");
            }
            SsoIdentity identity = identity(saml, response);
            String assertionId = response.getAssertionId();
            // java-saml-core judges the time window by the system's clock: the id is kept as long as that window
            // stays open, counted on the application's clock from now.
            Instant realNow = Instant.now();
            Duration open = response.getAssertionNotOnOrAfter().stream().map(instant -> Instant.ofEpochMilli(instant.getMillis()))
                    .max(Instant::compareTo).map(notOnOrAfter -> Duration.between(realNow, notOnOrAfter)).orElse(Duration.ZERO);
            OffsetDateTime now = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
            OffsetDateTime expiresAt = now.plus(open.isNegative() ? Duration.ZERO : open).plus(CLOCK_SKEW);
            boolean first = transaction.execute(status -> {
                assertions.purgeExpired(workspace, now);
                return assertions.accept(workspace, assertionId, expiresAt);
            });
            if (!first) {
                throw new SsoException("sso.saml-replayed");
            }
            return new Checked(identity, response.getAttributes());
        } catch (XPathExpressionException | ValidationError e) {
            log.info("SAML response for workspace {} could not be read: {}", workspaceId, e.toString());
            throw new SsoException("sso.saml-invalid");
        }
    }

    private SsoIdentity identity(SamlSettings saml, CheckedResponse response) throws XPathExpressionException, ValidationError {
        String nameId;
        try {
            nameId = response.getNameId();
        } catch (Exception e) {
            throw new SsoException("sso.saml-invalid");
        }
        Map<String, List<String>> attributes = response.getAttributes();
        String email = saml.emailAttribute() == null ? nameId : first(attributes.get(saml.emailAttribute()));
        if (nameId == null || nameId.isBlank()) {
            throw new SsoException("sso.saml-invalid");
        }
        if (email == null || !email.matches("[^@\\s]+@[^@\\s]+")) {
            throw new SsoException("sso.saml-no-email");
        }
        String displayName = DISPLAY_NAME_ATTRIBUTES.stream().map(name -> first(attributes.get(name)))
                .filter(value -> value != null && !value.isBlank()).findFirst().orElse(null);
        List<String> groups = saml.groupsAttribute() == null ? List.of()
                : attributes.getOrDefault(saml.groupsAttribute(), List.of()).stream().filter(group -> !group.isBlank()).toList();
        // The IdP vouches for the address it asserts; whether its domain is the workspace's is for the sign-in to decide.
        return new SsoIdentity(saml.idpEntityId(), nameId, email.strip(), true, displayName, null, groups,
                response.authnContextClassRefs());
    }

    private static @Nullable String first(@Nullable List<String> values) {
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    private static String refusal(@Nullable Exception error) {
        if (!(error instanceof ValidationError validation)) {
            return "sso.saml-invalid";
        }
        return switch (validation.getErrorCode()) {
            case ValidationError.NO_SIGNED_ASSERTION, ValidationError.NO_SIGNATURE_FOUND, ValidationError.NO_SIGNED_MESSAGE ->
                "sso.saml-unsigned";
            case ValidationError.INVALID_SIGNATURE, ValidationError.WRONG_SIGNED_ELEMENT, ValidationError.ID_NOT_FOUND_IN_SIGNED_ELEMENT,
                    ValidationError.DUPLICATED_ID_IN_SIGNED_ELEMENTS, ValidationError.INVALID_SIGNED_ELEMENT,
                    ValidationError.DUPLICATED_REFERENCE_IN_SIGNED_ELEMENTS, ValidationError.UNEXPECTED_SIGNED_ELEMENTS,
                    ValidationError.WRONG_NUMBER_OF_SIGNATURES_IN_RESPONSE, ValidationError.WRONG_NUMBER_OF_SIGNATURES_IN_ASSERTION,
                    ValidationError.WRONG_NUMBER_OF_SIGNATURES, ValidationError.UNEXPECTED_REFERENCE -> "sso.saml-signature-invalid";
            case ValidationError.WRONG_AUDIENCE -> "sso.saml-audience";
            case ValidationError.WRONG_DESTINATION, ValidationError.EMPTY_DESTINATION -> "sso.saml-recipient";
            case ValidationError.ASSERTION_EXPIRED, ValidationError.ASSERTION_TOO_EARLY, ValidationError.SESSION_EXPIRED,
                    ValidationError.RESPONSE_EXPIRED -> "sso.saml-expired";
            case ValidationError.WRONG_INRESPONSETO -> "sso.saml-unsolicited";
            case ValidationError.WRONG_ISSUER, ValidationError.ISSUER_MULTIPLE_IN_RESPONSE,
                    ValidationError.ISSUER_NOT_FOUND_IN_ASSERTION -> "sso.saml-issuer";
            case ValidationError.STATUS_CODE_IS_NOT_SUCCESS -> "sso.saml-idp-refused";
            // java-saml-core reports every subject confirmation problem under one code; its message says which.
            case ValidationError.WRONG_SUBJECTCONFIRMATION -> {
                String message = String.valueOf(validation.getMessage());
                yield message.contains("Recipient") ? "sso.saml-recipient"
                        : message.contains("no longer valid") || message.contains("not yet valid") ? "sso.saml-expired"
                        : message.contains("InResponseTo") ? "sso.saml-unsolicited"
                        : "sso.saml-invalid";
            }
            default -> "sso.saml-invalid";
        };
    }

    private TenantScope bind(UUID workspaceId, String refusal) {
        try {
            return binder.bindSystem(workspaceId);
        } catch (TenantNotFoundException e) {
            throw new SsoException(refusal);
        }
    }

    private SsoConnection configured(TenantScope workspace) {
        return connections.find(workspace).filter(c -> c.saml() != null).orElseThrow(() -> new SsoException("sso.saml-not-configured"));
    }

    private SsoConnection enabled(TenantScope workspace) {
        return connections.find(workspace).filter(c -> c.enabled() && c.saml() != null)
                .orElseThrow(() -> new SsoException("sso.saml-not-enabled"));
    }

    /** java-saml-core's settings for the connection, strict: every check on, SHA-1 signatures refused. */
    private Saml2Settings settings(SsoConnection connection, @Nullable PrivateKey key) {
        SamlSettings saml = connection.saml();
        Map<String, Object> values = new HashMap<>();
        values.put(SettingsBuilder.STRICT_PROPERTY_KEY, true);
        values.put(SettingsBuilder.SP_ENTITYID_PROPERTY_KEY, entityId(connection.workspaceId()));
        values.put(SettingsBuilder.SP_ASSERTION_CONSUMER_SERVICE_URL_PROPERTY_KEY, acsUrl(connection.workspaceId()));
        values.put(SettingsBuilder.SP_ASSERTION_CONSUMER_SERVICE_BINDING_PROPERTY_KEY, Constants.BINDING_HTTP_POST);
        values.put(SettingsBuilder.SP_NAMEIDFORMAT_PROPERTY_KEY, Constants.NAMEID_UNSPECIFIED);
        values.put(SettingsBuilder.SP_X509CERT_PROPERTY_KEY, SamlKeys.certificate(saml.spCertificate()));
        if (key != null) {
            values.put(SettingsBuilder.SP_PRIVATEKEY_PROPERTY_KEY, key);
        }
        values.put(SettingsBuilder.IDP_ENTITYID_PROPERTY_KEY, saml.idpEntityId());
        values.put(SettingsBuilder.IDP_SINGLE_SIGN_ON_SERVICE_URL_PROPERTY_KEY, saml.ssoUrl());
        values.put(SettingsBuilder.IDP_SINGLE_SIGN_ON_SERVICE_BINDING_PROPERTY_KEY, Constants.BINDING_HTTP_REDIRECT);
        for (int i = 0; i < saml.idpCertificates().size(); i++) {
            values.put(SettingsBuilder.IDP_X509CERTMULTI_PROPERTY_KEY + "." + i, SamlKeys.certificate(saml.idpCertificates().get(i)));
        }
        values.put(SettingsBuilder.SECURITY_AUTHREQUEST_SIGNED, true);
        values.put(SettingsBuilder.SECURITY_WANT_ASSERTIONS_SIGNED, true);
        values.put(SettingsBuilder.SECURITY_WANT_MESSAGES_SIGNED, false);
        values.put(SettingsBuilder.SECURITY_WANT_NAMEID, true);
        values.put(SettingsBuilder.SECURITY_WANT_XML_VALIDATION, true);
        values.put(SettingsBuilder.SECURITY_REJECT_UNSOLICITED_RESPONSES_WITH_INRESPONSETO, true);
        values.put(SettingsBuilder.SECURITY_REJECT_DEPRECATED_ALGORITHM, true);
        values.put(SettingsBuilder.SECURITY_SIGNATURE_ALGORITHM, Constants.RSA_SHA256);
        values.put(SettingsBuilder.SECURITY_DIGEST_ALGORITHM, Constants.SHA256);
        return new SettingsBuilder().fromValues(values).build();
    }

    /** java-saml-core's response, plus what it reads but does not expose: InResponseTo and AuthnContextClassRef. */
    private static final class CheckedResponse extends SamlResponse {

        CheckedResponse(Saml2Settings settings, String acsUrl, String samlResponse) throws Exception {
            super(settings, acsUrl, samlResponse);
        }

        @Nullable String inResponseTo() {
            String value = getSAMLResponseDocument().getDocumentElement().getAttribute("InResponseTo");
            return value.isEmpty() ? null : value;
        }

        List<String> authnContextClassRefs() throws XPathExpressionException {
            NodeList nodes = queryAssertion("/saml:AuthnStatement/saml:AuthnContext/saml:AuthnContextClassRef");
            List<String> values = new ArrayList<>();
            for (int i = 0; i < nodes.getLength(); i++) {
                String value = nodes.item(i).getTextContent().strip();
                if (!value.isEmpty() && !values.contains(value)) {
                    values.add(value);
                }
            }
            return values;
        }
    }
}
