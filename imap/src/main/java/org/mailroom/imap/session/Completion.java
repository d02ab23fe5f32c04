package org.mailroom.imap.session;

import java.time.Duration;

/**
 * How a command ends: its tagged status response (RFC 9051 §7.1), or nothing yet when the command
 * goes on reading lines from the client (AUTHENTICATE, IDLE). A delay holds the reply, and every
 * command after it, without holding a thread (failed logins, STYLE.md §13).
 */
public record Completion(String status, String text, Duration delay, boolean continues) {

    public static final Completion CONTINUES = new Completion(null, null, Duration.ZERO, true);

    public static Completion ok(String text) {
        return new Completion("OK", text, Duration.ZERO, false);
    }

    public static Completion no(String text) {
        return new Completion("NO", text, Duration.ZERO, false);
    }

    public static Completion bad(String text) {
        return new Completion("BAD", text, Duration.ZERO, false);
    }

    public Completion after(Duration d) {
        return new Completion(status, text, d, continues);
    }
}
