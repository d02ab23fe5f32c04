package org.mailroom.pop3.protocol;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers what one session did and writes it as one log line when the connection ends: who, from
 * where, over TLS or not, which commands, what was read and deleted, how it ended. Never a password,
 * a SASL response or a message body.
 */
final class SessionLog {

    private static final Logger LOG = LoggerFactory.getLogger("org.mailroom.pop3.session");

    private final String id;
    private final InetAddress client;
    private final long started = System.nanoTime();
    private final Map<String, Integer> commands = new LinkedHashMap<>();
    private boolean secure;
    private String user = "-";
    private int loginFailures;
    private int retrieved;
    private long bytesRetrieved;
    private int marked;
    private int deleted;
    private String outcome = "disconnected";
    private boolean ended;

    SessionLog(String id, InetAddress client) {
        this.id = id;
        this.client = client;
    }

    void secure(boolean on) {
        secure = on;
    }

    void command(String keyword) {
        commands.merge(keyword, 1, Integer::sum);
    }

    void user(String address) {
        user = address;
    }

    void loginFailed() {
        loginFailures++;
    }

    void retrieved(long size) {
        retrieved++;
        bytesRetrieved += size;
    }

    void deleted() {
        marked++;
    }

    void undeleted() {
        marked = 0;
    }

    void committed(int n) {
        deleted = n;
        outcome = "quit";
    }

    void outcome(String what) {
        if (outcome.equals("disconnected") || outcome.equals("quit")) {
            outcome = what;
        }
    }

    void end() {
        if (ended) {
            return;
        }
        ended = true;
        long ms = (System.nanoTime() - started) / 1_000_000;
        LOG.info("session={} client={} tls={} user={} login-failures={} commands={} retrieved={}/{}B marked={} "
                        + "deleted={} end={} duration={}ms",
                id, client.getHostAddress(), secure, user, loginFailures, commands, retrieved, bytesRetrieved,
                marked, deleted, outcome, ms);
    }
}
