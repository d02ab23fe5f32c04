package org.mailroom.bench;

import java.io.Closeable;
import java.io.IOException;

/** The client side of RFC 1939: USER/PASS, STAT, LIST, RETR, QUIT, every reply checked. */
final class Pop3Client implements Closeable {

    private final Wire wire;

    Pop3Client(int port, String user, String password) throws IOException {
        wire = new Wire(port);
        ok("greeting");
        wire.command("USER " + user);
        ok("USER");
        wire.command("PASS " + password);
        ok("PASS");
    }

    /** STAT: the number of messages in the maildrop. */
    int stat() throws IOException {
        wire.command("STAT");
        String reply = ok("STAT");
        return Integer.parseInt(reply.split(" ")[1]);
    }

    /** LIST: the number of messages listed (RFC 1939 §5, multi-line). */
    int list() throws IOException {
        wire.command("LIST");
        ok("LIST");
        int n = 0;
        while (true) {
            wire.readLineBytes();
            if (wire.lastLineIs(".")) {
                return n;
            }
            n++;
        }
    }

    /** RETR: returns the message's size in bytes as received (lines with CRLF, before un-stuffing). */
    long retr(int number) throws IOException {
        wire.command("RETR " + number);
        ok("RETR");
        long bytes = 0;
        while (true) {
            int length = wire.readLineBytes();
            if (wire.lastLineIs(".")) {
                return bytes;
            }
            bytes += length + 2;
        }
    }

    /** LIST, then RETR of every message listed; {@code retrieved} hears each message's size. */
    void retrieveAll(java.util.function.LongConsumer retrieved) throws IOException {
        int n = list();
        for (int m = 1; m <= n; m++) {
            retrieved.accept(retr(m));
        }
    }

    void quit() throws IOException {
        wire.command("QUIT");
        ok("QUIT");
    }

    private String ok(String what) throws IOException {
        String reply = wire.readLine();
        if (!reply.startsWith("+OK")) {
            throw new BenchFailure("POP3 " + what + ": " + reply);
        }
        return reply;
    }

    @Override
    public void close() {
        wire.close();
    }
}
