package org.mailroom.server;

import java.util.LinkedHashMap;
import java.util.Map;
import org.mailroom.config.CoreConfig;
import org.mailroom.config.Settings;
import org.mailroom.pop3.Pop3Config;
import org.mailroom.pop3.Pop3Server;
import org.mailroom.pop3.Pop3Services;

/** POP3 on {@code pop3.port} (STLS) and {@code pop3s.port} (implicit TLS). */
final class Pop3Protocol implements Protocol {

    private final Pop3Config config;

    private Pop3Protocol(Pop3Config config) {
        this.config = config;
    }

    static Pop3Protocol configure(Settings settings, CoreConfig core) {
        return new Pop3Protocol(Pop3Config.from(settings, core));
    }

    @Override
    public Map<String, Integer> ports() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("pop3.port", config.port());
        ports.put("pop3s.port", config.tlsPort());
        return ports;
    }

    @Override
    public Listener listener(ServerParts parts) {
        Pop3Server server = new Pop3Server(config,
                new Pop3Services(parts.authenticator(), parts.store().maildrops(), parts.tls().sslContext()));
        return new StartedOnce("pop3", server::start, server::close,
                () -> Ports.describe("pop3", server.port(), "pop3s", server.tlsPort()));
    }
}
