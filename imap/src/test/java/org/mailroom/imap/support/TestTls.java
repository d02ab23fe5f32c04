package org.mailroom.imap.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.mailroom.config.CoreConfig;
import org.mailroom.tls.TlsMaterial;

/** The real TLS material: a self-signed certificate generated once per test JVM, as at a first start. */
public final class TestTls {

    private TestTls() {
    }

    public static TlsMaterial material() {
        return Holder.MATERIAL;
    }

    public static SSLContext server() {
        return material().sslContext();
    }

    /** A client context that trusts the generated certificate. */
    public static SSLContext trustingClient() {
        return material().trustingClientContext();
    }

    private static final class Holder {
        static final TlsMaterial MATERIAL = create();

        private static TlsMaterial create() {
            try {
                Path dir = Files.createTempDirectory("imap-tls");
                dir.toFile().deleteOnExit();
                CoreConfig core = new CoreConfig("localhost", InetAddress.getLoopbackAddress(), dir, 0, Optional.empty(),
                        Optional.empty(), false, Optional.of('+'));
                return TlsMaterial.load(core);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
