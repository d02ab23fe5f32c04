package org.mailroom.mime;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;

/**
 * Content-Transfer-Encoding decoding (RFC 2045 §6), the one implementation behind both the decoded
 * size precomputed at delivery ({@link MimePart#decodedSize()}, for BINARY.SIZE) and the decoding of
 * BINARY[section] (RFC 3516), so that the two always agree. Decoding is lenient, as RFC 2045 §6.7 and
 * §6.8 ask: characters outside the base64 alphabet are skipped, and a malformed quoted-printable
 * escape is kept as it stands.
 */
public final class TransferDecoding {

    private TransferDecoding() {
    }

    /** No encoding, 7bit, 8bit and binary leave the octets as they are. */
    public static boolean isIdentity(String encoding) {
        if (encoding == null) {
            return true;
        }
        String e = encoding.trim().toLowerCase(Locale.ROOT);
        return e.isEmpty() || e.equals("7bit") || e.equals("8bit") || e.equals("binary");
    }

    /** Whether {@link #decode} can decode it; IMAP answers BINARY of anything else with [UNKNOWN-CTE]. */
    public static boolean isKnown(String encoding) {
        return isIdentity(encoding) || decoder(encoding) != null;
    }

    /**
     * The decoded form of {@code raw}.
     *
     * @throws IllegalArgumentException for an encoding that {@link #isKnown} refuses
     */
    public static InputStream decode(InputStream raw, String encoding) {
        if (isIdentity(encoding)) {
            return raw;
        }
        Decoder d = decoder(encoding);
        if (d == null) {
            throw new IllegalArgumentException("unknown transfer encoding");
        }
        return new DecodingInputStream(raw, d);
    }

    /** A fresh push decoder, or null when the encoding is an identity or unknown. */
    static Decoder decoder(String encoding) {
        if (encoding == null) {
            return null;
        }
        switch (encoding.trim().toLowerCase(Locale.ROOT)) {
            case "base64":
                return new Base64Decoder();
            case "quoted-printable":
                return new QuotedPrintableDecoder();
            default:
                return null;
        }
    }

    /** Where a decoder puts its octets. */
    interface Sink {
        void put(int octet);
    }

    /** A streaming decoder fed with encoded octets in pieces of any size. */
    interface Decoder {
        void write(byte[] b, int off, int len, Sink out);

        /** The input has ended: emit what is still held back. */
        void finish(Sink out);
    }

    /** Counts what a decoder emits. */
    static final class CountingSink implements Sink {
        long count;

        @Override
        public void put(int octet) {
            count++;
        }
    }

    private static final class DecodingInputStream extends InputStream implements Sink {
        private final InputStream raw;
        private final Decoder decoder;
        private final byte[] chunk = new byte[8192];
        private byte[] out = new byte[8192];
        private int pos;
        private int len;
        private boolean done;

        DecodingInputStream(InputStream raw, Decoder decoder) {
            this.raw = raw;
            this.decoder = decoder;
        }

        @Override
        public void put(int octet) {
            if (len == out.length) {
                out = Arrays.copyOf(out, out.length * 2);
            }
            out[len++] = (byte) octet;
        }

        private boolean fill() throws IOException {
            while (pos == len && !done) {
                pos = 0;
                len = 0;
                int n = raw.read(chunk);
                if (n < 0) {
                    decoder.finish(this);
                    done = true;
                } else {
                    decoder.write(chunk, 0, n, this);
                }
            }
            return pos < len;
        }

        @Override
        public int read() throws IOException {
            return fill() ? out[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int n) throws IOException {
            java.util.Objects.checkFromIndexSize(off, n, b.length);
            if (n == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int k = Math.min(n, len - pos);
            System.arraycopy(out, pos, b, off, k);
            pos += k;
            return k;
        }

        @Override
        public void close() throws IOException {
            raw.close();
        }
    }

    /** RFC 2045 §6.8. An '=' ends a quantum early; data after it is decoded too (concatenated blocks). */
    static final class Base64Decoder implements Decoder {
        private static final int[] VALUES = new int[256];

        static {
            Arrays.fill(VALUES, -1);
            String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
            for (int i = 0; i < alphabet.length(); i++) {
                VALUES[alphabet.charAt(i)] = i;
            }
        }

        private int quantum;
        private int count;

        @Override
        public void write(byte[] b, int off, int len, Sink out) {
            for (int i = off; i < off + len; i++) {
                int c = b[i] & 0xff;
                int v = VALUES[c];
                if (v >= 0) {
                    quantum = quantum << 6 | v;
                    if (++count == 4) {
                        out.put(quantum >> 16 & 0xff);
                        out.put(quantum >> 8 & 0xff);
                        out.put(quantum & 0xff);
                        count = 0;
                        quantum = 0;
                    }
                } else if (c == '=') {
                    endQuantum(out);
                }
            }
        }

        private void endQuantum(Sink out) {
            if (count == 2) {
                out.put(quantum >> 4 & 0xff);
            } else if (count == 3) {
                out.put(quantum >> 10 & 0xff);
                out.put(quantum >> 2 & 0xff);
            }
            count = 0;
            quantum = 0;
        }

        @Override
        public void finish(Sink out) {
            endQuantum(out);
        }
    }

    /**
     * RFC 2045 §6.7: "=XX" escapes, soft line breaks ("=" at the end of a line, transport padding
     * allowed before the break), trailing whitespace of a line deleted. Line breaks are kept as they
     * are (CRLF, or a bare LF in a message stored that way).
     */
    static final class QuotedPrintableDecoder implements Decoder {
        private static final int TEXT = 0;
        private static final int CR = 1;
        private static final int EQ = 2;
        private static final int EQ_HEX = 3;
        private static final int EQ_SPACE = 4;
        private static final int EQ_CR = 5;
        /** Past this much held-back whitespace the run is emitted: it cannot all be line padding. */
        private static final int MAX_HELD_SPACE = 1024;

        private int state = TEXT;
        private int firstHex;
        private final byte[] space = new byte[MAX_HELD_SPACE];
        private int spaceLength;

        @Override
        public void write(byte[] b, int off, int len, Sink out) {
            for (int i = off; i < off + len; i++) {
                step(b[i] & 0xff, out);
            }
        }

        private void flushSpace(Sink out) {
            for (int i = 0; i < spaceLength; i++) {
                out.put(space[i]);
            }
            spaceLength = 0;
        }

        private void holdSpace(int c, Sink out) {
            if (spaceLength == MAX_HELD_SPACE) {
                flushSpace(out);
            }
            space[spaceLength++] = (byte) c;
        }

        private void step(int c, Sink out) {
            switch (state) {
                case TEXT:
                    if (c == ' ' || c == '\t') {
                        holdSpace(c, out);
                    } else if (c == '\r') {
                        state = CR;
                    } else if (c == '\n') {
                        spaceLength = 0;
                        out.put('\n');
                    } else if (c == '=') {
                        flushSpace(out);
                        state = EQ;
                    } else {
                        flushSpace(out);
                        out.put(c);
                    }
                    break;
                case CR:
                    state = TEXT;
                    if (c == '\n') {
                        spaceLength = 0;
                        out.put('\r');
                        out.put('\n');
                    } else {
                        flushSpace(out);
                        out.put('\r');
                        step(c, out);
                    }
                    break;
                case EQ:
                    if (Rfc2231.hex(c) >= 0) {
                        firstHex = c;
                        state = EQ_HEX;
                    } else if (c == ' ' || c == '\t') {
                        holdSpace(c, out);
                        state = EQ_SPACE;
                    } else if (c == '\r') {
                        state = EQ_CR;
                    } else if (c == '\n') {
                        state = TEXT;
                    } else {
                        out.put('=');
                        state = TEXT;
                        step(c, out);
                    }
                    break;
                case EQ_HEX:
                    state = TEXT;
                    if (Rfc2231.hex(c) >= 0) {
                        out.put(Rfc2231.hex(firstHex) << 4 | Rfc2231.hex(c));
                    } else {
                        out.put('=');
                        out.put(firstHex);
                        step(c, out);
                    }
                    break;
                case EQ_SPACE:
                    if (c == ' ' || c == '\t') {
                        holdSpace(c, out);
                    } else if (c == '\r') {
                        spaceLength = 0;
                        state = EQ_CR;
                    } else if (c == '\n') {
                        spaceLength = 0;
                        state = TEXT;
                    } else {
                        out.put('=');
                        flushSpace(out);
                        state = TEXT;
                        step(c, out);
                    }
                    break;
                default: // EQ_CR
                    state = TEXT;
                    if (c != '\n') {
                        out.put('=');
                        step('\r', out);
                        step(c, out);
                    }
                    break;
            }
        }

        @Override
        public void finish(Sink out) {
            switch (state) {
                case CR:
                    flushSpace(out);
                    out.put('\r');
                    break;
                case EQ_HEX:
                    out.put('=');
                    out.put(firstHex);
                    break;
                default:
                    // trailing whitespace at the end is deleted like at any line end; a final "="
                    // (with or without padding or CR) is a soft line break
                    break;
            }
            spaceLength = 0;
            state = TEXT;
        }
    }
}
