package org.mailroom.mime;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/** The test messages under {@code src/test/resources/corpus/}. */
final class Corpus {

    static final List<String> NAMES = List.of(
            "01-plain.eml", "02-quoted-printable.eml", "03-base64.eml", "04-alternative.eml",
            "05-mixed-attachments.eml", "06-nested.eml", "07-attached-message.eml", "08-encoded-words.eml",
            "09-8bit.eml", "10-missing-end-boundary.eml", "11-missing-boundary-param.eml", "12-bare-lf.eml",
            "13-header-without-colon.eml", "14-group-addresses.eml", "15-no-date-no-message-id.eml",
            "16-digest.eml", "17-rfc2231-continuations.eml", "18-deep-message.eml", "19-header-only.eml",
            "20-preamble-epilogue.eml");

    private Corpus() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = Corpus.class.getResourceAsStream("/corpus/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no corpus message " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MessageStructure parse(byte[] message) {
        try {
            return MessageStructure.parse(new ByteArrayInputStream(message));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MessageStructure parse(String text) {
        return parse(text.getBytes(StandardCharsets.UTF_8));
    }

    /** CRLF line ends for test text written with "\n". */
    static String crlf(String text) {
        return text.replace("\r\n", "\n").replace("\n", "\r\n");
    }

    static String slice(byte[] message, long from, long to) {
        return new String(Arrays.copyOfRange(message, (int) from, (int) to), StandardCharsets.UTF_8);
    }

    static String body(byte[] message, MimePart p) {
        return slice(message, p.bodyStart(), p.bodyEnd());
    }

    static String header(byte[] message, MimePart p) {
        return slice(message, p.headerStart(), p.bodyStart());
    }

    static byte[] decoded(byte[] message, MimePart p) {
        try (InputStream in = TransferDecoding.decode(
                new ByteArrayInputStream(message, (int) p.bodyStart(), (int) p.bodySize()), p.encoding())) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Hands out one octet per read, the way a slow network would. */
    static InputStream trickle(byte[] data) {
        return new InputStream() {
            private int pos;

            @Override
            public int read() {
                return pos < data.length ? data[pos++] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (len == 0) {
                    return 0;
                }
                int c = read();
                if (c < 0) {
                    return -1;
                }
                b[off] = (byte) c;
                return 1;
            }
        };
    }

    /** A readable outline of a part tree, for assertion messages. */
    static String outline(MimePart p) {
        StringBuilder sb = new StringBuilder();
        outline(p, 0, sb);
        return sb.toString();
    }

    private static void outline(MimePart p, int depth, StringBuilder sb) {
        IntStream.range(0, depth).forEach(i -> sb.append("  "));
        sb.append(p.type()).append(" h=").append(p.headerStart()).append(" b=").append(p.bodyStart())
                .append(" e=").append(p.bodyEnd()).append(" lines=").append(p.lines())
                .append(" dec=").append(p.decodedSize()).append('\n');
        if (p.children() != null) {
            p.children().forEach(c -> outline(c, depth + 1, sb));
        }
        if (p.message() != null) {
            outline(p.message(), depth + 1, sb);
        }
    }
}
