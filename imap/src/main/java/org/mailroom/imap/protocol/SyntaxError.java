package org.mailroom.imap.protocol;

/** The command does not follow the grammar: the client gets BAD (RFC 9051 §7.1.3). */
public final class SyntaxError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SyntaxError(String message) {
        super(message, null, false, false);
    }
}
