package org.mailroom.bench;

import java.io.Closeable;
import java.io.IOException;

/** The sending side of RFC 5321 §3.3, one command at a time, every reply checked. */
final class SmtpClient implements Closeable {

    private final Wire wire;

    SmtpClient(int port) throws IOException {
        wire = new Wire(port);
        expect(220);
        wire.command("EHLO loadgen.test");
        expect(250);
    }

    /** One transaction: MAIL, RCPT, DATA; {@code data} must already be dot-stuffed and end in CRLF. */
    void send(String from, String to, byte[] data) throws IOException {
        wire.command("MAIL FROM:<" + from + ">");
        expect(250);
        wire.command("RCPT TO:<" + to + ">");
        expect(250);
        wire.command("DATA");
        expect(354);
        wire.write(data);
        wire.writeAscii(".\r\n");
        wire.flush();
        expect(250);
    }

    /** One message on a connection of its own, as mail from other servers arrives (and mailload.sh sends it). */
    static void sendAlone(int port, String from, String to, byte[] data) throws IOException {
        try (SmtpClient c = new SmtpClient(port)) {
            c.send(from, to, data);
            c.quit();
        }
    }

    void quit() throws IOException {
        wire.command("QUIT");
        expect(221);
    }

    /** Reads a whole (possibly multi-line, RFC 5321 §4.2.1) reply and checks its code. */
    private void expect(int code) throws IOException {
        String first = null;
        while (true) {
            String reply = wire.readLine();
            if (first == null) {
                first = reply;
            }
            if (reply.length() < 4 || reply.charAt(3) != '-') {
                break;
            }
        }
        if (!first.startsWith(Integer.toString(code))) {
            throw new BenchFailure("SMTP: expected " + code + ", got: " + first);
        }
    }

    @Override
    public void close() {
        wire.close();
    }
}
