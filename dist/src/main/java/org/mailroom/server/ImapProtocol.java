package org.mailroom.server;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.mailroom.config.CoreConfig;
import org.mailroom.config.Settings;
import org.mailroom.imap.ImapConfig;
import org.mailroom.imap.ImapServer;
import org.mailroom.imap.ImapServices;

/** IMAP on {@code imap.port} (STARTTLS) and {@code imaps.port} (implicit TLS). */
final class ImapProtocol implements Protocol {

    private final ImapConfig config;

    private ImapProtocol(ImapConfig config) {
        this.config = config;
    }

    static ImapProtocol configure(Settings settings, CoreConfig core) {
        return new ImapProtocol(ImapConfig.from(settings, core));
    }

    @Override
    public Map<String, Integer> ports() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("imap.port", config.port());
        ports.put("imaps.port", config.tlsPort());
        return ports;
    }

    @Override
    public Listener listener(ServerParts parts) {
        ImapServer server = new ImapServer(config, new ImapServices(parts.authenticator(), parts.store().mailboxes(),
                parts.store().events(), Optional.of(parts.tls().sslContext())));
        return new StartedOnce("imap", server::start, server::close,
                () -> Ports.describe("imap", server.port(), "imaps", server.tlsPort()));
    }
}
