package org.mailroom.smtp.protocol;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One SMTP reply (RFC 5321 section 4.2): a code, an enhanced status code (RFC 3463, RFC 2034) and one or
 * more lines of text. The greeting and the EHLO/HELO reply carry no enhanced code (RFC 2034 §3);
 * every other reply does. Text from a client must be sanitised before it goes in.
 */
public record Reply(int code, String status, List<String> lines) {

    public static final Reply OK = of(250, "2.0.0", "OK");
    public static final Reply BAD_SEQUENCE = of(503, "5.5.1", "Bad sequence of commands");
    public static final Reply UNRECOGNIZED = of(500, "5.5.1", "Command not recognized");
    public static final Reply LINE_TOO_LONG = of(500, "5.5.2", "Line too long");
    public static final Reply BARE_LF_IN_COMMAND = of(500, "5.5.2",
            "Bare LF in a command; lines end with CRLF (RFC 5321 section 2.3.8)");
    public static final Reply NOT_IMPLEMENTED_PARAM = of(555, "5.5.4", "Parameter not recognized or not implemented");
    public static final Reply NEED_STARTTLS = of(530, "5.7.0", "Must issue a STARTTLS command first");
    public static final Reply NEED_AUTH = of(530, "5.7.0", "Authentication required");
    public static final Reply ENCRYPTION_REQUIRED = of(538, "5.7.11",
            "Encryption required for requested authentication mechanism");
    public static final Reply INTERNAL_ERROR = of(451, "4.3.0", "Internal error, please try again later");

    public Reply {
        lines = List.copyOf(lines);
        if (code < 200 || code > 599 || lines.isEmpty()) {
            throw new IllegalArgumentException("bad reply");
        }
    }

    public static Reply of(int code, String status, String text) {
        return new Reply(code, status, List.of(text));
    }

    /** A reply without an enhanced status code: the greeting and the HELO/EHLO reply. */
    public static Reply plain(int code, String... lines) {
        return new Reply(code, "", List.of(lines));
    }

    public boolean isError() {
        return code >= 400;
    }

    public boolean isPermanentError() {
        return code >= 500;
    }

    /** The wire form: {@code 250-first} … {@code 250 last}, each with its enhanced code and CRLF. */
    public byte[] bytes() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            sb.append(code).append(i == lines.size() - 1 ? ' ' : '-');
            if (!status.isEmpty()) {
                sb.append(status).append(' ');
            }
            sb.append(lines.get(i)).append("\r\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return new String(bytes(), StandardCharsets.UTF_8).trim();
    }
}
