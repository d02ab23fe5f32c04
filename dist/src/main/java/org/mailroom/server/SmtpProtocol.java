package org.mailroom.server;

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

/** SMTP: the MX on {@code smtp.port}, submission on {@code submission.port} and {@code smtps.port}. */
final class SmtpProtocol implements Protocol {

    private final SmtpConfig config;

    private SmtpProtocol(SmtpConfig config) {
        this.config = config;
    }

    static SmtpProtocol configure(Settings settings, CoreConfig core) {
        return new SmtpProtocol(SmtpConfig.from(settings, core));
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
        SmtpServer server = new SmtpServer(config,
                new SmtpServices(parts.delivery(), parts.authenticator(), parts.tls().sslContext(), parts.clock()));
        return new StartedOnce("smtp", server::start, server::close, () -> {
            List<String> bound = new ArrayList<>();
            for (ListenerKind kind : ListenerKind.values()) {
                if (server.port(kind) != 0) {
                    bound.add(kind.name().toLowerCase(Locale.ROOT) + " " + server.port(kind));
                }
            }
            return bound.isEmpty() ? "smtp off" : String.join(", ", bound);
        });
    }
}
