package org.mailroom.imap.session;

/** A command that could not be done: the client gets NO with this text (RFC 9051 §7.1.2). */
public final class CommandFailed extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CommandFailed(String text) {
        super(text, null, false, false);
    }

    public String text() {
        return getMessage();
    }
}
