package org.mailroom.smtp.outbound;

import java.net.InetAddress;

/**
 * One address to try for a destination.
 *
 * @param name the host's name (the MX target, the smarthost), for TLS name checks, logs and DSN Remote-MTA
 * @param address where to connect
 * @param port 25 for MX delivery; another for a smarthost, a static route or a test
 */
public record RemoteHost(String name, InetAddress address, int port) {

    @Override
    public String toString() {
        return name + "[" + address.getHostAddress() + "]:" + port;
    }
}
