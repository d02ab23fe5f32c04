package org.mailroom.smtp.protocol;

/**
 * A command line that does not parse. Thrown only by a command's parser and caught only by the
 * dispatcher, which sends {@link #reply()} (STYLE.md §10: syntax errors are 500/501/555).
 */
public final class SyntaxException extends Exception {

    private static final long serialVersionUID = 1L;
    private final transient Reply reply;

    public SyntaxException(Reply reply) {
        super(reply.toString(), null, false, false);
        this.reply = reply;
    }

    public static SyntaxException of(int code, String status, String text) {
        return new SyntaxException(Reply.of(code, status, text));
    }

    public Reply reply() {
        return reply;
    }
}
