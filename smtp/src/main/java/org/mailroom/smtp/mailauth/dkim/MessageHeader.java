package org.mailroom.smtp.mailauth.dkim;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads the header section of a message (RFC 5322 §2.1) from a stream, leaving the stream at the first
 * octet of the body. The header is bounded ({@link #MAX_HEADER_BYTES}); the body is never read here, so
 * a large message is never held in memory.
 */
public final class MessageHeader {

    /** Past this the message is not one we authenticate; its header is cut there. */
    public static final int MAX_HEADER_BYTES = 1024 * 1024;

    private final List<HeaderField> fields;

    private MessageHeader(List<HeaderField> fields) {
        this.fields = Collections.unmodifiableList(fields);
    }

    public List<HeaderField> fields() {
        return fields;
    }

    /** All fields of this (case-insensitive) name, top to bottom. */
    public List<HeaderField> all(String name) {
        return fields.stream().filter(f -> f.name().equalsIgnoreCase(name)).toList();
    }

    public static MessageHeader of(List<HeaderField> fields) {
        return new MessageHeader(new ArrayList<>(fields));
    }

    /**
     * Reads up to and including the empty line that ends the header (CRLF or a bare LF). The stream
     * must support {@code mark} (a {@link java.io.BufferedInputStream}), to look one octet past a line
     * end for a continuation line.
     */
    public static MessageHeader read(InputStream in) throws IOException {
        if (!in.markSupported()) {
            throw new IllegalArgumentException("needs a stream that supports mark");
        }
        List<HeaderField> fields = new ArrayList<>();
        ByteArrayOutputStream field = new ByteArrayOutputStream();
        int total = 0;
        while (total < MAX_HEADER_BYTES) {
            byte[] line = readLine(in, MAX_HEADER_BYTES - total);
            if (line == null) {
                break;
            }
            total += line.length;
            int contentEnd = line.length;
            while (contentEnd > 0 && (line[contentEnd - 1] == '\n' || line[contentEnd - 1] == '\r')) {
                contentEnd--;
            }
            if (contentEnd == 0) {
                break; // the empty line: the body follows
            }
            boolean continuation = line[0] == ' ' || line[0] == '\t';
            if (!continuation && field.size() > 0) {
                fields.add(new HeaderField(field.toString(StandardCharsets.ISO_8859_1)));
                field.reset();
            } else if (continuation && field.size() > 0) {
                field.write('\r');
                field.write('\n');
            }
            field.write(line, 0, contentEnd);
        }
        if (field.size() > 0) {
            fields.add(new HeaderField(field.toString(StandardCharsets.ISO_8859_1)));
        }
        return new MessageHeader(fields);
    }

    private static byte[] readLine(InputStream in, int limit) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while (line.size() < limit && (b = in.read()) != -1) {
            line.write(b);
            if (b == '\n') {
                return line.toByteArray();
            }
        }
        return line.size() == 0 ? null : line.toByteArray();
    }
}
