package org.mailroom.imap.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Builds responses (RFC 9051 §7) onto a {@link ResponseSink}: lines of text, strings quoted or sent
 * as literals as their content requires, and literals streamed from the store.
 */
public final class ResponseWriter {

    private static final byte[] CRLF = {'\r', '\n'};
    private static final int QUOTED_MAX = 1024;
    private final ResponseSink sink;

    public ResponseWriter(ResponseSink sink) {
        this.sink = sink;
    }

    public ResponseWriter text(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        sink.write(b, 0, b.length);
        return this;
    }

    public ResponseWriter number(long n) {
        return text(Long.toString(n));
    }

    public ResponseWriter sp() {
        return text(" ");
    }

    public ResponseWriter crlf() {
        sink.write(CRLF, 0, 2);
        return this;
    }

    public void untagged(String line) {
        text("* ").text(line).crlf();
    }

    public void tagged(String tag, String line) {
        text(tag).sp().text(line).crlf();
    }

    public void continuation(String line) {
        text("+ ").text(line).crlf();
    }

    /** nstring: NIL, a quoted string, or a literal for text a quoted string cannot hold. */
    public ResponseWriter nstring(String s) {
        if (s == null) {
            return text("NIL");
        }
        return string(s);
    }

    public ResponseWriter string(String s) {
        if (isQuotable(s)) {
            return text(quote(s));
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        text("{" + b.length + "}").crlf();
        sink.write(b, 0, b.length);
        return this;
    }

    /** A literal of these octets ({@code ~{n}} for BINARY content with NUL, RFC 3516 §4.2). */
    public ResponseWriter literal(byte[] b, boolean binary) {
        text((binary ? "~{" : "{") + b.length + "}").crlf();
        sink.write(b, 0, b.length);
        return this;
    }

    /** Streams exactly {@code length} octets from {@code in}; short input is padded with spaces. */
    public ResponseWriter literal(InputStream in, long length, boolean binary) {
        text((binary ? "~{" : "{") + length + "}").crlf();
        byte[] buf = new byte[16 * 1024];
        long left = length;
        try {
            while (left > 0) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) {
                    // The store gave fewer octets than announced: keep the protocol in step.
                    java.util.Arrays.fill(buf, (byte) ' ');
                    while (left > 0) {
                        int k = (int) Math.min(buf.length, left);
                        sink.write(buf, 0, k);
                        left -= k;
                    }
                    break;
                }
                sink.write(buf, 0, n);
                left -= n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public void flush() {
        sink.flush();
    }

    public void close() {
        sink.close();
    }

    static boolean isQuotable(String s) {
        if (s.length() > QUOTED_MAX) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }

    /** A quoted string; the caller knows {@code s} is quotable. */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.append('"').toString();
    }
}
