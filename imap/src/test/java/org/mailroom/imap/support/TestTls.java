package org.mailroom.imap.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** A self-signed server certificate made once per test JVM with keytool, until TlsMaterial is on main. */
public final class TestTls {

    public static final String PASSWORD = "changeit";

    private TestTls() {
    }

    public static Path keystore() {
        return Holder.KEYSTORE;
    }

    public static SSLContext server() {
        try (InputStream in = Files.newInputStream(keystore())) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, PASSWORD.toCharArray());
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, PASSWORD.toCharArray());
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client context that trusts anything: loopback tests only. */
    public static SSLContext trustingClient() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] c, String a) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] c, String a) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, null);
            return ctx;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class Holder {
        static final Path KEYSTORE = create();

        private static Path create() {
            try {
                Path dir = Files.createTempDirectory("imap-tls");
                Path ks = dir.resolve("server.p12");
                Process p = new ProcessBuilder("keytool", "-genkeypair", "-keystore", ks.toString(), "-storetype",
                        "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD, "-alias", "imap", "-keyalg", "RSA",
                        "-keysize", "2048", "-dname", "CN=localhost", "-validity", "2", "-ext", "SAN=dns:localhost,ip:127.0.0.1")
                        .redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor() != 0) {
                    throw new IllegalStateException("keytool failed");
                }
                ks.toFile().deleteOnExit();
                dir.toFile().deleteOnExit();
                return ks;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
