package org.mailroom.smtp.outbound;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mailroom.delivery.DeliveryAgent;
import org.mailroom.delivery.DeliveryConfig;
import org.mailroom.store.derby.DerbyCredential;
import org.mailroom.store.derby.DerbyStore;
import org.xbill.DNS.SimpleResolver;

/**
 * A JVM running the queue runner over a store directory, to be killed by {@link KilledRunnerTest}.
 * Arguments: the store directory, the DNS stub's port, the sink's port.
 */
public final class RunnerProcess {

    private RunnerProcess() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int dnsPort = Integer.parseInt(args[1]);
        int sinkPort = Integer.parseInt(args[2]);
        DerbyStore store = DerbyStore.openEmbedded(dir.resolve("db"), DerbyCredential.load(dir.resolve("derby.credential")));
        SimpleResolver dns = new SimpleResolver(new InetSocketAddress(InetAddress.getLoopbackAddress(), dnsPort));
        dns.setTimeout(Duration.ofSeconds(10));
        OutboundConfig config = new OutboundConfig("mailroom.example.org", 4, 2, List.of(Duration.ofMinutes(5)),
                Duration.ofDays(5), Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1), List.of(),
                Duration.ofSeconds(2), Map.of(), Optional.empty(), false, Timeouts.all(Duration.ofSeconds(60)));
        SmtpClientFactory clients = new SmtpClientFactory(config.timeouts());
        DeliveryAgent agent = new DeliveryAgent(store.delivery(), DeliveryConfig.DEFAULT, Clock.systemUTC());
        QueueRunner runner = new QueueRunner(config, store.queue(), new DnsMxResolver(dns, sinkPort), clients,
                Clock.systemUTC(), agent);
        runner.start();
        System.out.println("started");
        Thread.sleep(Long.MAX_VALUE);
    }
}
