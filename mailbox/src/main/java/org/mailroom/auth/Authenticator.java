package org.mailroom.auth;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * The authentication service every protocol shares: password logins (POP3 USER/PASS, IMAP LOGIN) and
 * SASL exchanges, both throttled per client address and per account.
 */
public interface Authenticator {

    /** The SASL mechanisms offered, in order of preference: {@code SCRAM-SHA-256, PLAIN, LOGIN}. */
    List<String> mechanisms();

    /** Checks a user name (an address) and password; the answer never says which of the two was wrong. */
    LoginResult login(String username, char[] password, InetAddress client);

    /** Starts a SASL exchange; empty if the mechanism is not offered. */
    Optional<SaslExchange> start(String mechanism, InetAddress client);
}
