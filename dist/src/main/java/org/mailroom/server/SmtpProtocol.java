package org.mailroom.server;

import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mailroom.config.CoreConfig;
import org.mailroom.config.Settings;
import org.mailroom.smtp.ListenerKind;
import org.mailroom.smtp.SmtpConfig;
import org.mailroom.smtp.SmtpServer;
import org.mailroom.smtp.SmtpServices;
import org.mailroom.smtp.mailauth.MailAuthConfig;
import org.mailroom.smtp.mailauth.MailAuthServices;
import org.mailroom.smtp.outbound.OutboundConfig;
import org.mailroom.smtp.outbound.QueueRunner;
import org.mailroom.smtp.outbound.WakingDeliveryPort;

/**
 * SMTP: the MX on {@code smtp.port}, submission on {@code submission.port} and {@code smtps.port}, and
 * the outbound queue runner delivering what they queue for other servers. The runner starts first and
 * stops last, so that SMTP never accepts mail nobody would send on; the listeners wake it whenever a
 * message was queued. Mail authentication (SPF, DKIM and DMARC on the MX, DKIM signing of
 * submissions) uses the same resolvers as the queue ({@code dns.servers}, {@code dns.timeout}).
 */
final class SmtpProtocol implements Protocol {

    private final SmtpConfig config;
    private final OutboundConfig outbound;
    private final MailAuthConfig mailAuth;

    private SmtpProtocol(SmtpConfig config, OutboundConfig outbound, MailAuthConfig mailAuth) {
        this.config = config;
        this.outbound = outbound;
        this.mailAuth = mailAuth;
    }

    static SmtpProtocol configure(Settings settings, CoreConfig core) {
        return new SmtpProtocol(SmtpConfig.from(settings, core), OutboundConfig.from(settings, core),
                MailAuthConfig.from(settings, core));
    }

    @Override
    public Map<String, Integer> ports() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (ListenerKind kind : ListenerKind.values()) {
            ports.put(kind.portKey(), config.port(kind));
        }
        return ports;
    }

    @Override
    public Listener listener(ServerParts parts) {
        QueueRunner runner;
        try {
            runner = QueueRunner.standard(outbound, parts.store().queue(), parts.delivery());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot prepare TLS for outbound delivery: " + e.getMessage(), e);
        }
        MailAuthServices auth = MailAuthServices.create(mailAuth, parts.store(), outbound.dnsServers(),
                outbound.dnsTimeout());
        SmtpServer server = new SmtpServer(config, new SmtpServices(new WakingDeliveryPort(parts.delivery(), runner),
                parts.authenticator(), parts.tls().sslContext(), parts.clock()).withMailAuth(auth));
        return new StartedOnce("smtp",
                () -> {
                    runner.start();
                    server.start();
                },
                () -> {
                    try {
                        server.close();
                    } finally {
                        runner.close();
                    }
                },
                () -> describe(server) + ", outbound queue"
                        + outbound.smarthost().map(s -> " via " + s.address()).orElse(""));
    }

    private static String describe(SmtpServer server) {
        List<String> bound = new ArrayList<>();
        for (ListenerKind kind : ListenerKind.values()) {
            if (server.port(kind) != 0) {
                bound.add(kind.name().toLowerCase(Locale.ROOT) + " " + server.port(kind));
            }
        }
        return bound.isEmpty() ? "smtp off" : String.join(", ", bound);
    }
}
