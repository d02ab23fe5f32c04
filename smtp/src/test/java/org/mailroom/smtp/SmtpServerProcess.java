package org.mailroom.smtp;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.mailroom.auth.DefaultAuthenticator;
import org.mailroom.auth.LoginThrottle;
import org.mailroom.config.CoreConfig;
import org.mailroom.config.Settings;
import org.mailroom.delivery.DeliveryAgent;
import org.mailroom.delivery.DeliveryConfig;
import org.mailroom.store.derby.DerbyCredential;
import org.mailroom.store.derby.DerbyStore;
import org.mailroom.tls.TlsMaterial;

/**
 * A Mailroom SMTP server in a JVM of its own, over a store in {@code args[0]}, listening on port
 * {@code args[1]} of loopback with the certificate {@code args[2]} (its key beside it), and with implicit
 * TLS on port {@code args[3]} when given, so that a test can kill it with SIGKILL or run it under another
 * {@code java.security}.
 */
public final class SmtpServerProcess {

    private SmtpServerProcess() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        DerbyStore store = DerbyStore.openEmbedded(dir.resolve("db"), DerbyCredential.load(dir.resolve("derby.credential")));
        Settings settings = new Settings(Map.of("hostname", SmtpTestServer.HOST, "bind.address", "127.0.0.1",
                "data.dir", dir.resolve("data").toString(), "smtp.port", args[1], "submission.port", "0",
                "smtps.port", args.length > 3 ? args[3] : "0"), dir, "process.properties");
        CoreConfig core = CoreConfig.from(settings);
        SmtpServer server = new SmtpServer(SmtpConfig.from(settings, core), new SmtpServices(
                new DeliveryAgent(store.delivery(), DeliveryConfig.DEFAULT, Clock.systemUTC()),
                new DefaultAuthenticator(store.credentials(), new LoginThrottle(TestSecurity.THROTTLE, Clock.systemUTC()),
                        Clock.systemUTC(), TestSecurity.HASHER),
                TlsMaterial.fromFiles(Path.of(args[2]), Path.of(args[2]).resolveSibling("private-key.pem")).sslContext(), Clock.systemUTC()));
        server.start();
        System.out.println("READY " + server.port(ListenerKind.MX));
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
