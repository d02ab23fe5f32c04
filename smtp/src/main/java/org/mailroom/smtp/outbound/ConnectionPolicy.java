package org.mailroom.smtp.outbound;

import java.util.Optional;

/**
 * How to talk to the hosts of one route.
 *
 * @param tls when TLS is used
 * @param verifyCertificate whether the server's certificate must chain to a trusted root and name the host;
 *     opportunistic TLS to an MX cannot verify (RFC 7435 §1.3), a smarthost given credentials must
 * @param credentials AUTH PLAIN credentials for a smarthost, sent only over TLS
 */
public record ConnectionPolicy(TlsMode tls, boolean verifyCertificate, Optional<Credentials> credentials) {

    public static final ConnectionPolicy OPPORTUNISTIC = new ConnectionPolicy(TlsMode.OPPORTUNISTIC, false, Optional.empty());

    public ConnectionPolicy {
        if (credentials.isPresent() && (tls == TlsMode.NONE || tls == TlsMode.OPPORTUNISTIC)) {
            throw new IllegalArgumentException("credentials are sent only over required TLS");
        }
    }

    /** A smarthost login. {@link #toString()} never shows the password. */
    public record Credentials(String username, String password) {
        @Override
        public String toString() {
            return "Credentials[" + username + "]";
        }
    }
}
