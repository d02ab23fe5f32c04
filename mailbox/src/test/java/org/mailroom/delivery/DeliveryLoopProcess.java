package org.mailroom.delivery;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.mailroom.spool.Spool;
import org.mailroom.store.EmailAddress;
import org.mailroom.store.derby.DerbyCredential;
import org.mailroom.store.derby.DerbyStore;

/**
 * The child JVM of {@link KilledDuringDeliveryTest}: delivers numbered messages to two accounts as
 * fast as it can and prints {@code delivered N} only after delivery N returned, i.e. after its commit
 * — the moment SMTP would answer 250. It runs until it is killed.
 */
public final class DeliveryLoopProcess {

    private DeliveryLoopProcess() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        DerbyStore store = DerbyStore.openEmbedded(dir.resolve("db"), DerbyCredential.load(dir.resolve("derby.credential")));
        DeliveryAgent agent = new DeliveryAgent(store.delivery(), DeliveryConfig.DEFAULT, Clock.systemUTC());
        System.out.println("ready");
        for (int n = 1; ; n++) {
            DeliveryReport report = agent.deliver(Envelope.of(Optional.of(EmailAddress.parse("s@remote.test")),
                    List.of(EmailAddress.parse("alice@example.org"), EmailAddress.parse("bob@example.org"),
                            EmailAddress.parse("carol@remote.test"))), Spool.of(message(n)));
            if (!report.allAccepted()) {
                System.out.println("failed " + n + " " + report);
                return;
            }
            System.out.println("delivered " + n);
        }
    }

    /** Message n: a header naming n, then about 300 KB of body, so a kill often lands mid-write. */
    static byte[] message(int n) {
        StringBuilder sb = new StringBuilder("Subject: message ").append(n).append("\r\n\r\n");
        String line = "line of message " + n + " " + "x".repeat(60) + "\r\n";
        for (int i = 0; i < 4000; i++) {
            sb.append(line);
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
