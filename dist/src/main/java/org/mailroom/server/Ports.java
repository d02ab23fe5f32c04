package org.mailroom.server;

import java.util.ArrayList;
import java.util.List;

/** How the log names a pair of listeners, e.g. {@code "pop3 110, pop3s 995"}; a disabled one is left out. */
final class Ports {

    private Ports() {
    }

    static String describe(String plainName, int plainPort, String tlsName, int tlsPort) {
        List<String> bound = new ArrayList<>();
        if (plainPort != 0) {
            bound.add(plainName + " " + plainPort);
        }
        if (tlsPort != 0) {
            bound.add(tlsName + " " + tlsPort);
        }
        return bound.isEmpty() ? plainName + " off" : String.join(", ", bound);
    }
}
