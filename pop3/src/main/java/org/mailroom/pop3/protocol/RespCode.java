package org.mailroom.pop3.protocol;

/**
 * The extended response codes a {@code -ERR} may carry: {@code IN-USE} and {@code LOGIN-DELAY} from
 * RFC 2449 §8.1, {@code SYS/TEMP}, {@code SYS/PERM} and {@code AUTH} from RFC 3206 §4.
 */
public enum RespCode {
    /** The maildrop is locked by another session (RFC 2449 §8.1.1). */
    IN_USE("IN-USE"),
    /** Logins are refused for a while (RFC 2449 §8.1.2); used for the temporary ban after failures. */
    LOGIN_DELAY("LOGIN-DELAY"),
    /** A temporary problem on the server: the client may retry later (RFC 3206 §4). */
    SYS_TEMP("SYS/TEMP"),
    /** A problem that retrying will not solve (RFC 3206 §4). */
    SYS_PERM("SYS/PERM"),
    /** The credentials were not accepted (RFC 3206 §5). */
    AUTH("AUTH");

    private final String text;

    RespCode(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
