package org.mailroom.pop3.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts the client's byte stream into lines (STYLE.md §7): resumable, since a line may arrive one
 * byte at a time, and bounded: a line longer than the limit is discarded up to its end and reported
 * as too long, so that no client can make the server buffer without end. CRLF ends a line (RFC 1939
 * §3); a bare LF is accepted too, as most servers do for hand-typed sessions.
 */
public final class LineFramer {

    private final int maxLength;
    private final ByteArrayOutputStream current = new ByteArrayOutputStream();
    private boolean discarding;

    /** @param maxLength the longest line accepted, line end excluded */
    public LineFramer(int maxLength) {
        this.maxLength = maxLength;
    }

    /** Consumes all of {@code bytes} and returns the lines they completed, in order. */
    public List<InputLine> feed(ByteBuffer bytes) {
        List<InputLine> lines = new ArrayList<>();
        while (bytes.hasRemaining()) {
            byte b = bytes.get();
            if (b == '\n') {
                lines.add(finish(bytes.hasRemaining()));
            } else if (!discarding) {
                current.write(b);
                if (current.size() > maxLength + 1) {
                    // one byte more than the limit is allowed for the CR of the line end
                    discarding = true;
                    current.reset();
                }
            }
        }
        return lines;
    }

    /** Bytes of an unfinished line held now (for tests of the bound). */
    public int buffered() {
        return current.size();
    }

    private InputLine finish(boolean moreInputFollows) {
        if (discarding) {
            discarding = false;
            current.reset();
            return new InputLine("", true, moreInputFollows);
        }
        byte[] raw = current.toByteArray();
        current.reset();
        int n = raw.length > 0 && raw[raw.length - 1] == '\r' ? raw.length - 1 : raw.length;
        if (n > maxLength) {
            return new InputLine("", true, moreInputFollows);
        }
        return new InputLine(new String(raw, 0, n, StandardCharsets.UTF_8), false, moreInputFollows);
    }
}
