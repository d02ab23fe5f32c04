package org.mailroom.server;

import java.util.List;
import org.mailroom.config.CoreConfig;
import org.mailroom.config.Settings;

/** The protocol modules this build runs, each reading its own keys; started in this order, stopped in reverse. */
final class Protocols {

    private Protocols() {
    }

    static List<Protocol> configure(Settings settings, CoreConfig core) {
        return List.of(
                SmtpProtocol.configure(settings, core),
                Pop3Protocol.configure(settings, core),
                ImapProtocol.configure(settings, core));
    }
}
