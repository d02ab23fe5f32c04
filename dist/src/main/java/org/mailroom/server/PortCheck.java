package org.mailroom.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import org.mailroom.config.BindErrors;
import org.mailroom.config.CoreConfig;
import org.mailroom.config.Settings;

/**
 * Checks every configured port before anything is created, so that a taken or privileged port stops
 * the start with one line and leaves nothing behind (the listeners bind for real later; a port taken
 * in between is still reported by {@link BindErrors}).
 */
final class PortCheck {

    private PortCheck() {
    }

    /** Two listeners on one port would fail at bind time with a misleading "in use". */
    static void requireDistinct(Settings settings, CoreConfig core, Iterable<Protocol> protocols) {
        Map<Integer, String> seen = new HashMap<>();
        if (core.adminPort() != 0) {
            seen.put(core.adminPort(), "admin.port");
        }
        for (Protocol p : protocols) {
            for (Map.Entry<String, Integer> e : p.ports().entrySet()) {
                if (e.getValue() == 0) {
                    continue;
                }
                String other = seen.putIfAbsent(e.getValue(), e.getKey());
                if (other != null) {
                    throw settings.error(e.getKey(), "port " + e.getValue() + " is already used by " + other
                            + "; give each listener its own port (0 disables one)");
                }
            }
        }
    }

    static void requireBindable(CoreConfig core, Iterable<Protocol> protocols) {
        if (core.adminPort() != 0) {
            requireBindable("admin.port", InetAddress.getLoopbackAddress(), core.adminPort());
        }
        for (Protocol p : protocols) {
            for (Map.Entry<String, Integer> e : p.ports().entrySet()) {
                if (e.getValue() != 0) {
                    requireBindable(e.getKey(), core.bindAddress(), e.getValue());
                }
            }
        }
    }

    private static void requireBindable(String key, InetAddress address, int port) {
        try (ServerSocket s = new ServerSocket()) {
            // As the listeners will: a port left in TIME_WAIT by the previous run is free to use.
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(address, port));
        } catch (IOException e) {
            throw BindErrors.explain(key, address, port, e);
        }
    }
}
