package dev.atrium.admin.sso;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A SAML connection's settings as admins see them: the identity provider's, read from its metadata at save time, and
 * the service provider's public signing certificate. The service provider's private key is never part of it.
 *
 * @param metadataUrl where the metadata was fetched; null when it was pasted
 * @param idpEntityId the IdP's entity id: the issuer its assertions must name (also the connection's issuer)
 * @param ssoUrl where AuthnRequests go (HTTP-Redirect binding)
 * @param idpCertificates the IdP's signing certificates (base64 DER); a response signed by any of them is accepted
 * @param emailAttribute the attribute carrying the e-mail address; null: the NameID is the e-mail address
 * @param groupsAttribute the attribute carrying group names, if any
 * @param allowIdpInitiated whether responses that no AuthnRequest asked for are accepted (off by default)
 * @param spCertificate the service provider's self-signed certificate (base64 DER), to register at the IdP
 */
public record SamlSettings(@Nullable String metadataUrl, String metadataXml, String idpEntityId, String ssoUrl,
        List<String> idpCertificates, @Nullable String emailAttribute, @Nullable String groupsAttribute,
        boolean allowIdpInitiated, String spCertificate) {

    public SamlSettings {
        idpCertificates = List.copyOf(idpCertificates);
    }

    /** The service provider's certificate as PEM, as identity providers ask for it. */
    public String spCertificatePem() {
        return SamlKeys.pem(spCertificate);
    }
}
