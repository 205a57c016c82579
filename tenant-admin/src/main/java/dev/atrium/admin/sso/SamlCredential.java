package dev.atrium.admin.sso;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A SAML signing key with its self-signed certificate: each SAML connection's service-provider key (and the tests'
 * identity provider's). The certificate only carries the public key to the other side; nobody checks its chain.
 */
public record SamlCredential(PrivateKey privateKey, X509Certificate certificate) {

    private static final Duration VALIDITY = Duration.ofDays(10 * 366);

    /** A new RSA 3072 key and a certificate for it, valid for ten years from {@code now}. */
    public static SamlCredential generate(String commonName, Instant now) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(3072, new SecureRandom());
            KeyPair pair = generator.generateKeyPair();
            X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
            Instant notBefore = now.minus(Duration.ofMinutes(5));
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, new BigInteger(128, new SecureRandom()),
                    Date.from(notBefore), Date.from(notBefore.plus(VALIDITY)), subject, pair.getPublic());
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
            return new SamlCredential(pair.getPrivate(), certificate);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("Could not generate a SAML signing key", e);
        }
    }

    /** The certificate as base64 DER, as SAML metadata carries it. */
    public String certificateBase64() {
        try {
            return Base64.getEncoder().encodeToString(certificate.getEncoded());
        } catch (CertificateException e) {
            throw new IllegalStateException(e);
        }
    }
}
