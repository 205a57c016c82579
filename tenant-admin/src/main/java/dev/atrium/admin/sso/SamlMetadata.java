package dev.atrium.admin.sso;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.xml.xpath.XPathException;

import org.w3c.dom.Document;

import com.onelogin.saml2.settings.IdPMetadataParser;
import com.onelogin.saml2.settings.SettingsBuilder;
import com.onelogin.saml2.util.Constants;
import com.onelogin.saml2.util.Util;

/**
 * An identity provider's SAML metadata, fetched from its URL ({@link IdpDocuments}) or pasted (no more than
 * {@link #MAX_BYTES} either way), read by java-saml-core's {@link IdPMetadataParser}. Only what sign-in needs is kept: the
 * entity id, the HTTP-Redirect SingleSignOnService and the signing certificates.
 */
final class SamlMetadata {

    static final int MAX_BYTES = 1_000_000;

    record IdpMetadata(String xml, String entityId, String ssoUrl, List<String> certificates) {
    }

    private SamlMetadata() {
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
