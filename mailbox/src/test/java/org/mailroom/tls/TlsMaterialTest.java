package org.mailroom.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailroom.config.ConfigException;
import org.mailroom.config.CoreConfig;
import org.mailroom.config.Settings;

class TlsMaterialTest {

    @TempDir
    Path dir;

    private CoreConfig core(Map<String, String> extra) {
        java.util.HashMap<String, String> m = new java.util.HashMap<>(extra);
        m.putIfAbsent("hostname", "mail.example.org");
        m.put("data.dir", dir.resolve("data").toString());
        return CoreConfig.from(new Settings(m, dir, "test.properties"));
    }

    @Test
    void withoutConfiguredFilesASelfSignedCertificateForTheHostIsMadeAndKept() throws Exception {
        TlsMaterial first = TlsMaterial.load(core(Map.of()));
        X509Certificate cert = first.chain().get(0);
        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=mail.example.org");
        assertThat(cert.getSubjectAlternativeNames()).containsExactly(List.of(2, "mail.example.org"));
        assertThat(cert.getPublicKey().getAlgorithm()).isEqualTo("EC");
        Path tls = dir.resolve("data/tls");
        assertThat(Files.getPosixFilePermissions(tls.resolve("private-key.pem")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(tls)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(first.certificateFile()).isEqualTo(tls.resolve("certificate.pem"));

        TlsMaterial again = TlsMaterial.load(core(Map.of()));
        assertThat(again.chain().get(0)).isEqualTo(cert);
    }

    @Test
    void aGeneratedCertificateIsMadeAnewWhenTheHostNameChanges() throws Exception {
        X509Certificate old = TlsMaterial.load(core(Map.of())).chain().get(0);
        X509Certificate renamed = TlsMaterial.load(core(Map.of("hostname", "mx.example.net"))).chain().get(0);
        assertThat(renamed).isNotEqualTo(old);
        assertThat(renamed.getSubjectAlternativeNames()).containsExactly(List.of(2, "mx.example.net"));
        assertThat(TlsMaterial.load(core(Map.of("hostname", "mx.example.net"))).chain().get(0)).isEqualTo(renamed);
    }

    @Test
    void aDamagedGeneratedKeyIsReplaced() throws Exception {
        TlsMaterial.load(core(Map.of()));
        Files.writeString(dir.resolve("data/tls/private-key.pem"), "damaged");
        TlsMaterial fresh = TlsMaterial.load(core(Map.of()));
        assertThat(handshake(fresh, "TLSv1.3")).isEqualTo("TLSv1.3");
    }

    @Test
    void onlyTls12And13AndNoWeakSuitesAreEnabled() {
        TlsMaterial tls = TlsMaterial.load(core(Map.of()));
        SSLEngine engine = tls.serverEngine();
        assertThat(engine.getUseClientMode()).isFalse();
        assertThat(engine.getEnabledProtocols()).containsExactlyInAnyOrder("TLSv1.3", "TLSv1.2");
        assertThat(engine.getEnabledCipherSuites()).isNotEmpty().allSatisfy(s -> assertThat(s)
                .doesNotContain("anon", "NULL", "EXPORT", "RC4", "3DES", "DES_CBC", "MD5"));
        assertThat(engine.getSSLParameters().getUseCipherSuitesOrder()).isTrue();
    }

    @Test
    void enginesTheContextCreatesForOthersAreRestrictedToo() {
        TlsMaterial tls = TlsMaterial.load(core(Map.of()));
        for (SSLEngine engine : new SSLEngine[] {tls.sslContext().createSSLEngine(),
            tls.sslContext().createSSLEngine("192.0.2.1", 12345)}) {
            engine.setUseClientMode(false);
            assertThat(engine.getEnabledProtocols()).containsExactlyInAnyOrder("TLSv1.3", "TLSv1.2");
            assertThat(engine.getEnabledCipherSuites()).containsExactly(tls.enabledCipherSuites());
        }
        assertThat(tls.sslContext().getDefaultSSLParameters().getProtocols()).containsExactlyInAnyOrder("TLSv1.3",
                "TLSv1.2");
    }

    @Test
    void aClientTrustingTheCertificateCompletesAHandshakeOverLoopback() throws Exception {
        TlsMaterial tls = TlsMaterial.load(core(Map.of()));
        assertThat(handshake(tls, "TLSv1.3")).isEqualTo("TLSv1.3");
        assertThat(handshake(tls, "TLSv1.2")).isEqualTo("TLSv1.2");
    }

    @Test
    void aTls11ClientIsRefused() {
        TlsMaterial tls = TlsMaterial.load(core(Map.of()));
        assertThatThrownBy(() -> handshake(tls, "TLSv1.1")).isInstanceOf(IOException.class);
    }

    @Test
    void certbotStyleRsaFilesInTraditionalAndPkcs8FormLoad() throws Exception {
        Path key = dir.resolve("privkey.pem");
        Path cert = dir.resolve("fullchain.pem");
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(), "-out", cert.toString(),
                "-days", "2", "-subj", "/CN=mail.example.org");
        TlsMaterial pkcs8 = TlsMaterial.load(core(Map.of("tls.certificate", cert.toString(), "tls.private-key",
                key.toString())));
        assertThat(pkcs8.chain().get(0).getPublicKey().getAlgorithm()).isEqualTo("RSA");
        assertThat(pkcs8.certificateFile()).isEqualTo(cert);
        assertThat(Files.exists(dir.resolve("data/tls"))).isFalse();

        Path traditional = dir.resolve("rsa.pem");
        openssl("rsa", "-in", key.toString(), "-traditional", "-out", traditional.toString());
        assertThat(Files.readString(traditional)).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        TlsMaterial rsa = TlsMaterial.fromFiles(cert, traditional);
        assertThat(handshake(rsa, "TLSv1.3")).isEqualTo("TLSv1.3");
    }

    @Test
    void aFullChainLikeCertbotsKeepsTheIntermediateAfterTheLeaf() throws Exception {
        Path caKey = dir.resolve("ca.key");
        Path ca = dir.resolve("ca.pem");
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout",
                caKey.toString(), "-out", ca.toString(), "-days", "2", "-subj", "/CN=Test Intermediate");
        Path key = dir.resolve("privkey.pem");
        Path csr = dir.resolve("leaf.csr");
        Path leaf = dir.resolve("cert.pem");
        openssl("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout",
                key.toString(), "-out", csr.toString(), "-subj", "/CN=mail.example.org");
        openssl("x509", "-req", "-in", csr.toString(), "-CA", ca.toString(), "-CAkey", caKey.toString(),
                "-CAcreateserial", "-out", leaf.toString(), "-days", "2");
        Path fullchain = Files.writeString(dir.resolve("fullchain.pem"), Files.readString(leaf) + Files.readString(ca));

        TlsMaterial tls = TlsMaterial.fromFiles(fullchain, key);
        assertThat(tls.chain()).hasSize(2);
        assertThat(tls.chain().get(0).getSubjectX500Principal().getName()).isEqualTo("CN=mail.example.org");
        assertThat(tls.chain().get(1).getSubjectX500Principal().getName()).isEqualTo("CN=Test Intermediate");
        assertThat(session(tls, "TLSv1.3").getPeerCertificates()).hasSize(2);
    }

    @Test
    void traditionalEcKeysWithTheirParametersBlockLoad() throws Exception {
        Path key = dir.resolve("ec.pem");
        Path cert = dir.resolve("ec-cert.pem");
        openssl("ecparam", "-name", "prime256v1", "-genkey", "-out", key.toString());
        assertThat(Files.readString(key)).contains("BEGIN EC PARAMETERS").contains("BEGIN EC PRIVATE KEY");
        openssl("req", "-x509", "-new", "-key", key.toString(), "-out", cert.toString(), "-days", "2", "-subj",
                "/CN=mail.example.org");
        TlsMaterial ec = TlsMaterial.fromFiles(cert, key);
        assertThat(handshake(ec, "TLSv1.2")).isEqualTo("TLSv1.2");
    }

    @Test
    void aKeyThatDoesNotBelongToTheCertificateNamesTheKeySetting() throws Exception {
        TlsMaterial.load(core(Map.of()));
        Path otherKey = dir.resolve("other.pem");
        openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", otherKey.toString());
        Path cert = dir.resolve("data/tls/certificate.pem");
        assertThatThrownBy(() -> TlsMaterial.load(core(Map.of("tls.certificate", cert.toString(), "tls.private-key",
                otherKey.toString())))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("tls.private-key").hasMessageContaining("does not belong");
    }

    @Test
    void filesWithoutPemContentNameTheirSetting() throws Exception {
        TlsMaterial.load(core(Map.of()));
        Path cert = dir.resolve("data/tls/certificate.pem");
        Path key = dir.resolve("data/tls/private-key.pem");
        Path junk = Files.writeString(dir.resolve("junk.pem"), "not a pem file\n");
        assertThatThrownBy(() -> TlsMaterial.fromFiles(junk, key)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("tls.certificate:");
        assertThatThrownBy(() -> TlsMaterial.fromFiles(cert, junk)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("tls.private-key:");
        assertThatThrownBy(() -> TlsMaterial.fromFiles(key, cert)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("tls.certificate:");
        assertThatThrownBy(() -> TlsMaterial.fromFiles(cert, dir.resolve("missing.pem"))).isInstanceOf(ConfigException.class)
                .hasMessage("tls.private-key: cannot read the private key in " + dir.resolve("missing.pem")
                        + ": no such file");
    }

    @Test
    void anEncryptedKeyIsRefusedWithAnExplanation() throws Exception {
        Path key = dir.resolve("enc.pem");
        Path cert = dir.resolve("enc-cert.pem");
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-passout", "pass:x",
                "-keyout", key.toString(), "-out", cert.toString(), "-days", "2", "-subj", "/CN=x");
        assertThatThrownBy(() -> TlsMaterial.fromFiles(cert, key)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("tls.private-key:").hasMessageContaining("encrypted");
    }

    @Test
    void anUnwritableDataDirectoryIsAClearError() throws Exception {
        Path blocked = dir.resolve("data");
        Files.createDirectories(blocked);
        Files.writeString(blocked.resolve("tls"), "a file where the directory should be");
        assertThatThrownBy(() -> TlsMaterial.load(core(Map.of()))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("self-signed");
    }

    /** A real TLS handshake over loopback between the server context and a client that trusts it. */
    static String handshake(TlsMaterial tls, String clientProtocol) throws Exception {
        return session(tls, clientProtocol).getProtocol();
    }

    static javax.net.ssl.SSLSession session(TlsMaterial tls, String clientProtocol) throws Exception {
        try (SSLServerSocket server = (SSLServerSocket) tls.sslContext().getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            server.setSSLParameters(tls.serverParameters());
            CompletableFuture<Void> accepted = CompletableFuture.runAsync(() -> {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                    s.setSoTimeout(5000);
                    InputStream in = s.getInputStream();
                    OutputStream out = s.getOutputStream();
                    out.write(in.read());
                    out.flush();
                } catch (IOException e) {
                    // the client sees the failure
                }
            });
            javax.net.ssl.SSLSession session;
            try (SSLSocket client = (SSLSocket) tls.trustingClientContext().getSocketFactory()
                    .createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                client.setSoTimeout(5000);
                client.setEnabledProtocols(new String[] {clientProtocol});
                client.getOutputStream().write('x');
                client.getOutputStream().flush();
                assertThat(client.getInputStream().read()).isEqualTo('x');
                session = client.getSession();
            }
            accepted.get(5, TimeUnit.SECONDS);
            return session;
        }
    }

    private static void openssl(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
    }
}
