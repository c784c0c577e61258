package dev.gatehouse.audit.siem.transport;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The certificate authorities a sink trusts: the JVM's trust store, or only the CA certificates of a
 * configured PEM bundle (for a collector with a private CA). Either way the server's certificate chain
 * is verified; host names are verified by the transports.
 */
public final class TrustMaterial {

    private TrustMaterial() {
    }

    /** The X.509 certificates of a PEM bundle; an IllegalArgumentException says why there are none. */
    public static List<X509Certificate> certificates(String pem) {
        if (pem == null || !pem.contains("-----BEGIN CERTIFICATE-----")) {
            throw new IllegalArgumentException("is not a PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        try {
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate certificate : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
                certificates.add((X509Certificate) certificate);
            }
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("holds no certificate");
            }
            return certificates;
        } catch (CertificateException e) {
            throw new IllegalArgumentException("cannot be read as X.509 certificates: " + e.getMessage(), e);
        }
    }

    /** An SSL context trusting exactly the given PEM bundle, or the JVM default when it is null. */
    public static SSLContext context(String caPem) throws GeneralSecurityException {
        if (caPem == null || caPem.isBlank()) {
            return SSLContext.getDefault();
        }
        try {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int n = 0;
            for (X509Certificate certificate : certificates(caPem)) {
                trusted.setCertificateEntry("ca-" + n++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new GeneralSecurityException("the CA certificate cannot be loaded: " + e.getMessage(), e);
        }
    }
}
