package org.mailroom.pop3.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A status line (RFC 1939 §3): {@code +OK} or {@code -ERR}, an optional response code in brackets
 * (RFC 2449 §8) and text. Text taken from a client must go through {@code ClientText.sanitize} first.
 */
public record Reply(boolean ok, Optional<RespCode> code, String text) {

    public static final Reply BYE = ok("Bye");
    public static final Reply UNKNOWN_COMMAND = err("Unknown command");
    public static final Reply WRONG_STATE = err("Command not valid in this state");
    public static final Reply NO_SUCH_MESSAGE = err("No such message");
    public static final Reply ALREADY_DELETED = err("Message already deleted");
    public static final Reply TLS_FIRST = err("Send STLS first: passwords are accepted only over TLS");
    public static final Reply LOGIN_FAILED = err(RespCode.AUTH, "Invalid user name or password");
    public static final Reply LOGIN_BANNED = err(RespCode.LOGIN_DELAY, "Too many failed logins; try again later");
    public static final Reply IN_USE = err(RespCode.IN_USE, "The maildrop is in use by another session");
    public static final Reply TOO_MANY_ERRORS = err("Too many errors; closing the connection");
    public static final Reply LINE_TOO_LONG = err("Line too long");
    public static final Reply IDLE_TIMEOUT = err("Idle for too long; closing the connection (nothing deleted)");
    public static final Reply SHUTTING_DOWN = err(RespCode.SYS_TEMP, "Server shutting down; try again later");

    public Reply {
        code = code == null ? Optional.empty() : code;
    }

    public static Reply ok(String text) {
        return new Reply(true, Optional.empty(), text);
    }

    public static Reply err(String text) {
        return new Reply(false, Optional.empty(), text);
    }

    public static Reply err(RespCode code, String text) {
        return new Reply(false, Optional.of(code), text);
    }

    /** The line as sent, without CRLF. */
    public String line() {
        StringBuilder sb = new StringBuilder(ok ? "+OK" : "-ERR");
        code.ifPresent(c -> sb.append(" [").append(c.text()).append(']'));
        if (!text.isEmpty()) {
            sb.append(' ').append(text);
        }
        return sb.toString();
    }

    public byte[] bytes() {
        return (line() + "\r\n").getBytes(StandardCharsets.UTF_8);
    }
}
