package dev.atrium.admin.sso;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

import java.nio.charset.StandardCharsets;

import com.onelogin.saml2.util.Util;

import dev.atrium.admin.keys.KeyPurpose;
import dev.atrium.admin.keys.Keyring;

/**
 * Sealing of SAML service-provider keys: PKCS#8, encrypted with the {@code sso-client-secrets} keyset (kept outside
 * the database, like the OIDC client secrets), bound to the workspace and to being a SAML key, so neither a key
 * copied to another workspace's row nor a client secret's ciphertext decrypts as one.
 */
final class SamlKeys {

    private SamlKeys() {
    }

    static byte[] seal(Keyring keyring, UUID workspaceId, PrivateKey key) {
        try {
            return keyring.aead(KeyPurpose.SSO_CLIENT_SECRETS).encrypt(key.getEncoded(), associatedData(workspaceId));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not encrypt the SAML signing key", e);
        }
    }

    static PrivateKey unseal(Keyring keyring, UUID workspaceId, byte[] sealed) {
        try {
            byte[] pkcs8 = keyring.aead(KeyPurpose.SSO_CLIENT_SECRETS).decrypt(sealed, associatedData(workspaceId));
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not decrypt the SAML signing key of workspace " + workspaceId, e);
        }
    }

    static byte[] associatedData(UUID workspaceId) {
        return ("sso-saml-sp-key:" + workspaceId).getBytes(StandardCharsets.US_ASCII);
    }

    static X509Certificate certificate(String base64Der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(Base64.getMimeDecoder().decode(base64Der)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new SsoException("sso.saml-metadata-certificate-invalid");
        }
    }

    /** SHA-256 of the certificate, as identity providers show it: upper-case hex pairs separated by colons. */
    static String fingerprint(String base64Der) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Base64.getMimeDecoder().decode(base64Der));
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(String base64Der) {
        return Util.convertToPem(certificate(base64Der)).replace("\r\n", "\n");
    }
}
