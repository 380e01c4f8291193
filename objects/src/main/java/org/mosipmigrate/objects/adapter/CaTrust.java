package org.mosipmigrate.objects.adapter;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;

/**
 * The trust of one object-store client, built from its {@code <role>.objectStore.caFile} (PEM, one or more CA
 * certificates). It replaces the JVM's default trust for that client only: nothing process-wide is changed
 * (no default SSLContext, no system properties), and the host name is still checked by the HTTP clients.
 */
final class CaTrust {
    final X509TrustManager trustManager;
    final SSLContext sslContext;

    private CaTrust(X509TrustManager tm, SSLContext ctx) {
        this.trustManager = tm;
        this.sslContext = ctx;
    }

    /** null when {@code caFile} is null (the client keeps the JVM's default trust). */
    static CaTrust load(String role, String caFile) {
        if (caFile == null) {
            return null;
        }
        String key = role + ".objectStore.caFile";
        try {
            Collection<? extends Certificate> certs;
            try (InputStream in = Files.newInputStream(Path.of(caFile))) {
                certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            }
            if (certs.isEmpty()) {
                throw new MigrateException(ErrorCode.CONFIG, key + ": " + caFile + " holds no certificate",
                        "give the PEM file of the CA that signed the server's certificate");
            }
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            int i = 0;
            for (Certificate c : certs) {
                ks.setCertificateEntry("ca-" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            X509TrustManager tm = null;
            for (TrustManager t : tmf.getTrustManagers()) {
                if (t instanceof X509TrustManager x) {
                    tm = x;
                }
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {tm}, null);
            return new CaTrust(tm, ctx);
        } catch (MigrateException e) {
            throw e;
        } catch (Exception e) {
            throw new MigrateException(ErrorCode.CONFIG, key + ": cannot read " + caFile + " as PEM certificates (" + e.getMessage() + ")",
                    "give the PEM file of the CA that signed the server's certificate");
        }
    }
}
