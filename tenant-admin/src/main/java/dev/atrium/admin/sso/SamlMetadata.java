package dev.atrium.admin.sso;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.xml.xpath.XPathException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;

import com.onelogin.saml2.settings.IdPMetadataParser;
import com.onelogin.saml2.settings.SettingsBuilder;
import com.onelogin.saml2.util.Constants;
import com.onelogin.saml2.util.Util;

/**
 * An identity provider's SAML metadata: fetched from its URL (no more than {@link #MAX_BYTES}, within
 * {@link #TIMEOUT}) and read by java-saml-core's {@link IdPMetadataParser}. Only what sign-in needs is kept: the
 * entity id, the HTTP-Redirect SingleSignOnService and the signing certificates.
 */
final class SamlMetadata {

    private static final Logger log = LoggerFactory.getLogger(SamlMetadata.class);
    static final int MAX_BYTES = 1_000_000;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    record IdpMetadata(String xml, String entityId, String ssoUrl, List<String> certificates) {
    }

    private SamlMetadata() {
    }

    /** The metadata document at {@code url} (already checked to be https, or http on the loopback interface). */
    static String fetch(String url) {
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NORMAL).build()) {
            HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                    .header("Accept", "application/samlmetadata+xml, application/xml, text/xml").GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                byte[] bytes = body.readNBytes(MAX_BYTES + 1);
                if (response.statusCode() != 200 || bytes.length > MAX_BYTES) {
                    log.info("SAML metadata at {}: status {}, {} bytes", url, response.statusCode(), bytes.length);
                    throw new SsoException("sso.saml-metadata-unreachable", url);
                }
                return new String(bytes, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            log.info("SAML metadata at {} could not be read: {}", url, e.toString());
            throw new SsoException("sso.saml-metadata-unreachable", url);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SsoException("sso.saml-metadata-unreachable", url);
        }
    }

    /** Reads the first IdP descriptor; refuses metadata without an HTTP-Redirect sign-on service or a certificate. */
    static IdpMetadata parse(String xml) {
        String trimmed = xml.strip();
        if (trimmed.length() > MAX_BYTES) {
            throw new SsoException("sso.saml-metadata-invalid");
        }
        Document document = Util.loadXML(trimmed);
        if (document == null) {
            throw new SsoException("sso.saml-metadata-invalid");
        }
        Map<String, Object> values;
        try {
            values = IdPMetadataParser.parseXML(document, null, null, Constants.BINDING_HTTP_REDIRECT, Constants.BINDING_HTTP_REDIRECT);
        } catch (XPathException e) {
            throw new SsoException("sso.saml-metadata-invalid");
        }
        String entityId = text(values.get(SettingsBuilder.IDP_ENTITYID_PROPERTY_KEY));
        if (entityId.isEmpty()) {
            throw new SsoException("sso.saml-metadata-invalid");
        }
        if (entityId.length() > SsoService.MAX_ISSUER_LENGTH) {
            throw new SsoException("sso.too-long", SsoService.MAX_ISSUER_LENGTH);
        }
        if (!Constants.BINDING_HTTP_REDIRECT.equals(values.get(SettingsBuilder.IDP_SINGLE_SIGN_ON_SERVICE_BINDING_PROPERTY_KEY))) {
            throw new SsoException("sso.saml-metadata-no-redirect-binding");
        }
        String ssoUrl = SsoService.httpsUrl(text(values.get(SettingsBuilder.IDP_SINGLE_SIGN_ON_SERVICE_URL_PROPERTY_KEY)),
                "sso.saml-metadata-sso-url-invalid", true);
        List<String> certificates = new ArrayList<>();
        values.forEach((key, value) -> {
            if (key.equals(SettingsBuilder.IDP_X509CERT_PROPERTY_KEY) || key.startsWith(SettingsBuilder.IDP_X509CERTMULTI_PROPERTY_KEY + ".")) {
                String certificate = text(value).replaceAll("\\s", "");
                SamlKeys.certificate(certificate);
                if (!certificates.contains(certificate)) {
                    certificates.add(certificate);
                }
            }
        });
        if (certificates.isEmpty()) {
            throw new SsoException("sso.saml-metadata-no-certificate");
        }
        return new IdpMetadata(trimmed, entityId, ssoUrl, certificates);
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString().strip();
    }
}
