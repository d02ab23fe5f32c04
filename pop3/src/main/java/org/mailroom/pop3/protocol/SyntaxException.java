package org.mailroom.pop3.protocol;

/** Malformed arguments: the dispatcher answers {@code -ERR} with this message and counts an error. */
public final class SyntaxException extends Exception {

    private static final long serialVersionUID = 1L;

    public SyntaxException(String message) {
        super(message, null, false, false);
    }
}
