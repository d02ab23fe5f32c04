package org.mailroom.smtp.outbound;

import java.util.List;

/** Where mail for a domain goes, as the DNS or the configuration says. */
public sealed interface Destination {

    /** The hosts to try, best first (RFC 5321 §5.1). Never empty. */
    record Hosts(List<RemoteHost> hosts) implements Destination {
        public Hosts {
            hosts = List.copyOf(hosts);
            if (hosts.isEmpty()) {
                throw new IllegalArgumentException("no hosts");
            }
        }
    }

    /**
     * The domain cannot be reached.
     *
     * @param permanent true for a null MX or a domain that does not exist; false for a DNS failure
     * @param status RFC 3463 enhanced status code for the DSN
     * @param reason one line for the log and the DSN's diagnostic
     */
    record Unreachable(boolean permanent, String status, String reason) implements Destination {
    }
}
