package org.mailroom.server;

import java.util.List;
import org.mailroom.config.CoreConfig;
import org.mailroom.config.Settings;

/**
 * The protocol modules this build runs, each reading its own keys from the settings. They start in
 * this order and stop in the reverse one: the outbound queue runs before SMTP accepts mail that may
 * need it, and stops after SMTP has finished the transactions in flight.
 */
final class Protocols {

    private Protocols() {
    }

    static List<Protocol> configure(Settings settings, CoreConfig core) {
        return List.of(
                OutboundQueue.configure(settings, core),
                SmtpProtocol.configure(settings, core),
                Pop3Protocol.configure(settings, core),
                ImapProtocol.configure(settings, core));
    }
}
