package org.mailroom.server;

import java.util.List;
import org.mailroom.config.CoreConfig;
import org.mailroom.config.Settings;

/** The protocol modules this build runs, each reading its own keys from the settings. */
final class Protocols {

    private Protocols() {
    }

    static List<Protocol> configure(Settings settings, CoreConfig core) {
        return List.of();
    }
}
