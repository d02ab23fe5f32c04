package org.mailroom.pop3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.mailroom.config.CoreConfig;
import org.mailroom.config.Settings;
import org.mailroom.tls.TlsMaterial;

/** The server's real TLS material (a generated self-signed certificate), made once per test JVM. */
final class TestTls {

    private TestTls() {
    }

    static TlsMaterial material() {
        return Holder.MATERIAL;
    }

    static SSLContext serverContext() {
        return Holder.MATERIAL.sslContext();
    }

    /** A client context trusting exactly the server's certificate. */
    static SSLContext clientContext() {
        return Holder.MATERIAL.trustingClientContext();
    }

    private static final class Holder {
        static final TlsMaterial MATERIAL = create();

        private static TlsMaterial create() {
            try {
                Path dir = Files.createTempDirectory("pop3-tls");
                Settings s = new Settings(Map.of("hostname", "localhost", "data.dir", dir.toString()), dir, "test");
                return TlsMaterial.load(CoreConfig.from(s));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
