package org.mailroom.server;

import java.security.GeneralSecurityException;
import java.util.Map;
import org.mailroom.config.CoreConfig;
import org.mailroom.config.Settings;
import org.mailroom.smtp.outbound.OutboundConfig;
import org.mailroom.smtp.outbound.QueueRunner;

/**
 * The outbound queue runner: delivers what the delivery agent queued for remote recipients, to their
 * MX hosts or the smarthost. It binds no port; it is started after the listeners' store and stopped
 * with them, leaving attempts in progress due again.
 */
final class OutboundQueue implements Protocol {

    private final OutboundConfig config;

    private OutboundQueue(OutboundConfig config) {
        this.config = config;
    }

    static OutboundQueue configure(Settings settings, CoreConfig core) {
        return new OutboundQueue(OutboundConfig.from(settings, core));
    }

    @Override
    public Map<String, Integer> ports() {
        return Map.of();
    }

    @Override
    public Listener listener(ServerParts parts) {
        QueueRunner runner;
        try {
            runner = QueueRunner.standard(config, parts.store().queue(), parts.delivery());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot prepare TLS for outbound delivery: " + e.getMessage(), e);
        }
        return new StartedOnce("outbound queue", runner::start, runner::close,
                () -> config.smarthost().map(s -> "outbound queue via " + s.address()).orElse("outbound queue"));
    }
}
