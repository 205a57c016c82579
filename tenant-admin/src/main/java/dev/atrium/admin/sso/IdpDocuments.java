package dev.atrium.admin.sso;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.core5.io.CloseMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.stereotype.Component;

import dev.atrium.admin.outbound.OutboundAddresses;
import dev.atrium.admin.outbound.OutboundHttp;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads what an identity provider publishes (SAML metadata, an OIDC discovery document) from the address a workspace
 * admin typed, through the guarded client ({@link OutboundHttp}: the SSRF guard with the webhooks' setting that allows
 * private networks, no redirect followed, each connect and read within {@link OutboundHttp#TIMEOUT_SECONDS} seconds,
 * the whole request within its deadline);
 * at most {@link SamlMetadata#MAX_BYTES}.
 */
@Component
class IdpDocuments {

    private static final Logger log = LoggerFactory.getLogger(IdpDocuments.class);
    private static final String SAML_METADATA_TYPES = "application/samlmetadata+xml, application/xml, text/xml";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The endpoints of a discovery document that sign-in calls from the server. */
    private static final List<String> SERVER_SIDE_ENDPOINTS = List.of("token_endpoint", "jwks_uri", "userinfo_endpoint");

    private final OutboundHttp http;

    IdpDocuments(OutboundHttp http) {
        this.http = http;
    }

    /** The SAML metadata document at {@code url} (already checked to be an http(s) URL). */
    String samlMetadata(String url) {
        return read(url, SAML_METADATA_TYPES, url, "sso.saml-metadata-unreachable");
    }

    /**
     * A client registration from the issuer's discovery document, whose issuer must be the one typed (as Spring
     * Security's own discovery requires).
     */
    ClientRegistration.Builder oidcRegistration(String issuer) {
        return oidcRegistration(issuer, read(issuer + "/.well-known/openid-configuration", "application/json", issuer,
                "sso.discovery-failed"));
    }

    /**
     * A client registration from this discovery document of the issuer. An endpoint that sign-in calls from the server
     * and whose host resolves to an internal address is refused ({@code sso.address-internal}, naming it) now, while
     * an admin sets the connection up; sign-in's own requests are guarded as well (its address may change).
     */
    ClientRegistration.Builder oidcRegistration(String issuer, String document) {
        try {
            Map<String, Object> configuration = JSON.readValue(document, new TypeReference<Map<String, Object>>() {
            });
            if (!issuer.equals(configuration.get("issuer"))) {
                throw new IllegalArgumentException("The discovery document names issuer " + configuration.get("issuer"));
            }
            ClientRegistration.Builder registration = ClientRegistrations.fromOidcConfiguration(configuration);
            for (String endpoint : SERVER_SIDE_ENDPOINTS) {
                if (configuration.get(endpoint) instanceof String url) {
                    requireAllowed(url);
                }
            }
            return registration;
        } catch (JacksonException | IllegalArgumentException e) {
            log.info("OIDC discovery of {} failed: {}", issuer, e.toString());
            throw new SsoException("sso.discovery-failed", issuer);
        }
    }

    private void requireAllowed(String url) {
        try {
            http.requireAllowed(URI.create(url));
        } catch (OutboundAddresses.RefusedAddressException e) {
            log.info("{} refused: {}", url, e.getMessage());
            throw SsoException.addressInternal(url);
        }
    }

    /** The body of a 200 answer; refused as {@code sso.address-internal} or {@code failedCode}, naming {@code typed}. */
    private String read(String url, String accept, String typed, String failedCode) {
        HttpGet get;
        try {
            get = new HttpGet(url);
        } catch (IllegalArgumentException e) {
            throw new SsoException(failedCode, typed);
        }
        get.setHeader("Accept", accept);
        try {
            CloseableHttpResponse response = http.open(get);
            try (InputStream body = response.getEntity() == null ? InputStream.nullInputStream() : response.getEntity().getContent()) {
                byte[] bytes = body.readNBytes(SamlMetadata.MAX_BYTES + 1);
                if (response.getCode() != 200 || bytes.length > SamlMetadata.MAX_BYTES) {
                    log.info("{}: status {}, {} bytes", url, response.getCode(), bytes.length);
                    throw new SsoException(failedCode, typed);
                }
                return new String(bytes, StandardCharsets.UTF_8);
            } finally {
                // Immediately: a graceful close would read the rest of an oversized body.
                response.close(CloseMode.IMMEDIATE);
            }
        } catch (OutboundAddresses.RefusedAddressException e) {
            log.info("{} refused: {}", url, e.getMessage());
            throw SsoException.addressInternal(typed);
        } catch (IOException e) {
            log.info("{} could not be read: {}", url, e.toString());
            throw new SsoException(failedCode, typed);
        }
    }
}
