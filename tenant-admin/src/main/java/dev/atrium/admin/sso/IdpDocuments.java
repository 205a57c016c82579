package dev.atrium.admin.sso;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.stereotype.Component;

import dev.atrium.admin.config.AtriumProperties;
import dev.atrium.admin.outbound.OutboundAddresses;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads what an identity provider publishes (SAML metadata, an OIDC discovery document) from the address a workspace
 * admin typed, so through the SSRF guard ({@link OutboundAddresses}, with the webhooks' setting that allows private
 * networks) and never following a redirect, whose target could be an internal address; at most
 * {@link SamlMetadata#MAX_BYTES},
 * each connect and read within {@link #TIMEOUT_SECONDS} seconds.
 */
@Component
class IdpDocuments implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(IdpDocuments.class);
    private static final int TIMEOUT_SECONDS = 10;
    private static final String SAML_METADATA_TYPES = "application/samlmetadata+xml, application/xml, text/xml";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final CloseableHttpClient client;

    IdpDocuments(AtriumProperties properties) {
        Timeout timeout = Timeout.of(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new OutboundAddresses(SystemDefaultDnsResolver.INSTANCE, properties.webhooks().allowPrivateNetworks()))
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(timeout).setSocketTimeout(timeout).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(timeout).setRedirectsEnabled(false).build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .build();
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
        String document = read(issuer + "/.well-known/openid-configuration", "application/json", issuer, "sso.discovery-failed");
        try {
            Map<String, Object> configuration = JSON.readValue(document, new TypeReference<Map<String, Object>>() {
            });
            if (!issuer.equals(configuration.get("issuer"))) {
                throw new IllegalArgumentException("The discovery document names issuer " + configuration.get("issuer"));
            }
            return ClientRegistrations.fromOidcConfiguration(configuration);
        } catch (JacksonException | IllegalArgumentException e) {
            log.info("OIDC discovery of {} failed: {}", issuer, e.toString());
            throw new SsoException("sso.discovery-failed", issuer);
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
            CloseableHttpResponse response = CloseableHttpResponse.adapt(client.executeOpen(null, get, null));
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
            throw new SsoException("sso.address-internal", typed);
        } catch (IOException e) {
            log.info("{} could not be read: {}", url, e.toString());
            throw new SsoException(failedCode, typed);
        }
    }

    @Override
    public void destroy() throws IOException {
        client.close();
    }
}
