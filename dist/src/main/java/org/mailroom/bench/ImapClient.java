package org.mailroom.bench;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The client side of RFC 9051, just enough for the workloads: tagged commands, untagged replies with
 * literals skipped (§4.3), LITERAL+ appends (RFC 7888) so that an APPEND costs no extra round trip.
 * Every tagged reply other than OK is a {@link BenchFailure}.
 */
final class ImapClient implements Closeable {

    private final Wire wire;
    private int tag;
    private final List<String> untagged = new ArrayList<>();

    ImapClient(int port) throws IOException {
        wire = new Wire(port);
        String greeting = wire.readLine();
        if (!greeting.startsWith("* OK")) {
            throw new BenchFailure("IMAP greeting: " + greeting);
        }
    }

    void login(String user, String password) throws IOException {
        run("LOGIN " + quote(user) + " " + quote(password));
    }

    /** SELECT: returns the EXISTS count. */
    int select(String mailbox) throws IOException {
        run("SELECT " + quote(mailbox));
        for (String u : untagged) {
            if (u.endsWith(" EXISTS")) {
                return Integer.parseInt(u.substring(2, u.length() - 7));
            }
        }
        throw new BenchFailure("SELECT without EXISTS");
    }

    /** Runs one command and reads up to its tagged reply; the untagged lines are in {@link #untagged()}. */
    String run(String command) throws IOException {
        String t = nextTag();
        wire.command(t + " " + command);
        return await(t, command);
    }

    /** APPEND with a non-synchronising literal; returns the tagged OK line (with APPENDUID). */
    String append(String mailbox, String flags, byte[] message) throws IOException {
        String t = nextTag();
        String head = "APPEND " + quote(mailbox) + (flags.isEmpty() ? "" : " (" + flags + ")");
        sendAppend(t, head, message);
        wire.flush();
        return await(t, "APPEND");
    }

    /** Sends an APPEND without waiting: returns its tag, for {@link #await(String, String)} later. */
    String appendPipelined(String mailbox, byte[] message) throws IOException {
        String t = nextTag();
        sendAppend(t, "APPEND " + quote(mailbox), message);
        return t;
    }

    private void sendAppend(String t, String head, byte[] message) throws IOException {
        wire.writeAscii(t + " " + head + " {" + message.length + "+}\r\n");
        wire.write(message);
        wire.writeAscii("\r\n");
    }

    void flush() throws IOException {
        wire.flush();
    }

    /** IDLE (RFC 2177): waits for the continuation; the connection then idles until closed. */
    void idle() throws IOException {
        String t = nextTag();
        wire.command(t + " IDLE");
        while (true) {
            wire.readLineBytes();
            if (wire.lastLineStartsWith("+")) {
                return;
            }
            if (wire.lastLineStartsWith(t)) {
                throw new BenchFailure("IDLE refused: " + wire.lastLine());
            }
        }
    }

    List<String> untagged() {
        return untagged;
    }

    long received() {
        return wire.received;
    }

    /** Reads replies up to the tagged one for {@code t}. */
    String await(String t, String what) throws IOException {
        untagged.clear();
        while (true) {
            wire.readLineBytes();
            String line = wire.lastLine();
            if (line.startsWith(t + " ")) {
                if (!line.startsWith(t + " OK")) {
                    throw new BenchFailure("IMAP " + first(what) + ": " + line);
                }
                return line;
            }
            if (line.startsWith("* BYE") && !what.equals("LOGOUT")) {
                throw new BenchFailure("IMAP " + first(what) + ": " + line);
            }
            // A line ending in {n} announces a literal of n bytes (RFC 9051 §4.3); the line goes on after it.
            while (line.endsWith("}")) {
                int open = line.lastIndexOf('{');
                if (open < 0) {
                    break;
                }
                long n = Long.parseLong(line.substring(open + 1, line.length() - 1).replace("+", ""));
                wire.skip(n);
                wire.readLineBytes();
                line = line + "..." + wire.lastLine();
            }
            if (line.startsWith("*")) {
                untagged.add(line);
            }
        }
    }

    void logout() throws IOException {
        run("LOGOUT");
    }

    private String nextTag() {
        return "a" + (++tag);
    }

    private static String first(String command) {
        int sp = command.indexOf(' ');
        return sp < 0 ? command : command.substring(0, sp);
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() {
        wire.close();
    }
}
