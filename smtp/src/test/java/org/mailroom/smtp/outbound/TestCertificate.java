package org.mailroom.smtp.outbound;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.mailroom.config.CoreConfig;
import org.mailroom.config.Settings;
import org.mailroom.tls.TlsMaterial;

/**
 * The server's own self-signed TLS material for one host name (what {@link TlsMaterial} generates at
 * first start), with the server context presenting it and a client context trusting it.
 */
final class TestCertificate {

    final SSLContext server;
    final SSLContext trusting;

    private TestCertificate(TlsMaterial material) {
        this.server = material.sslContext();
        this.trusting = material.trustingClientContext();
    }

    static TestCertificate forHost(String hostName) {
        try {
            Path dir = Files.createTempDirectory("outbound-tls");
            Settings s = new Settings(Map.of("hostname", hostName, "data.dir", dir.toString()), dir, "test");
            TestCertificate c = new TestCertificate(TlsMaterial.load(CoreConfig.from(s)));
            // The contexts hold the key and certificate now; the files are not needed any more.
            try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
            return c;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
