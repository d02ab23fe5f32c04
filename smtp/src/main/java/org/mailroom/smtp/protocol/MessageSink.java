package org.mailroom.smtp.protocol;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.mailroom.spool.Spool;
import org.mailroom.spool.SpoolWriter;

/**
 * Where a message's octets go once the transfer encoding of DATA or BDAT is undone: into a
 * {@link SpoolWriter} (bounded heap, the rest on disk), after the trace field the server prepends.
 * On a submission service it watches the header section and adds {@code Date} and
 * {@code Message-ID} where the client left them out (RFC 6409 §8.2, §8.3), at the end of the header.
 */
public final class MessageSink implements AutoCloseable {

    private static final int NAME_PREFIX = 12;

    private final SpoolWriter spool;
    private final byte[] buffer = new byte[8192];
    private int buffered;
    private final long contentLimit;
    private final HeaderFields missing;
    private long contentSize;
    private boolean inHeader = true;
    private boolean atLineStart = true;
    private boolean heldCr;
    private final StringBuilder fieldName = new StringBuilder(NAME_PREFIX);
    private boolean sawDate;
    private boolean sawMessageId;
    private int lastByte = '\n';

    /** The header fields a submission gets when the client did not supply them. */
    public record HeaderFields(String date, String messageId) {
    }

    /**
     * @param traceField the {@code Received} field, with its CRLF, written before the content
     * @param contentLimit the largest content accepted; more is counted and discarded
     * @param missing non-null on submission services
     */
    public MessageSink(SpoolWriter spool, String traceField, long contentLimit, HeaderFields missing)
            throws IOException {
        this.spool = spool;
        this.contentLimit = contentLimit;
        this.missing = missing;
        spool.write(traceField.getBytes(StandardCharsets.UTF_8));
    }

    /** Octets of message content received so far (the server's additions not counted). */
    public long contentSize() {
        return contentSize;
    }

    public boolean isOverLimit() {
        return contentSize > contentLimit;
    }

    public void write(int b) throws IOException {
        contentSize++;
        if (contentSize > contentLimit) {
            return;
        }
        if (!inHeader || missing == null) {
            put(b);
            return;
        }
        if (atLineStart && !heldCr && b == '\r') {
            heldCr = true;
            return;
        }
        if (atLineStart && (b == '\n')) {
            // An empty line: the header ends here, so the missing fields go before it.
            addMissingFields();
            inHeader = false;
            if (heldCr) {
                put('\r');
            }
            heldCr = false;
            put('\n');
            return;
        }
        if (heldCr) {
            put('\r');
            heldCr = false;
        }
        put(b);
        if (b == '\n') {
            atLineStart = true;
            fieldName.setLength(0);
            return;
        }
        if (atLineStart || fieldName.length() > 0) {
            atLineStart = false;
            if (fieldName.length() < NAME_PREFIX && fieldName.indexOf(":") < 0) {
                fieldName.append((char) Character.toLowerCase(b));
                String n = fieldName.toString();
                sawDate |= n.equals("date:");
                sawMessageId |= n.equals("message-id:");
            }
        }
    }

    public void write(byte[] b, int off, int len) throws IOException {
        for (int i = off; i < off + len; i++) {
            write(b[i] & 0xff);
        }
    }

    private void addMissingFields() throws IOException {
        StringBuilder sb = new StringBuilder();
        if (!sawDate) {
            sb.append("Date: ").append(missing.date()).append("\r\n");
        }
        if (!sawMessageId) {
            sb.append("Message-ID: ").append(missing.messageId()).append("\r\n");
        }
        for (byte x : sb.toString().getBytes(StandardCharsets.US_ASCII)) {
            put(x);
        }
        sawDate = true;
        sawMessageId = true;
    }

    private void put(int b) throws IOException {
        if (buffered == buffer.length) {
            flush();
        }
        buffer[buffered++] = (byte) b;
        lastByte = b;
    }

    private void flush() throws IOException {
        spool.write(buffer, 0, buffered);
        buffered = 0;
    }

    /** Ends the content and hands it over; the caller closes the spool. */
    public Spool finish() throws IOException {
        if (heldCr) {
            put('\r');
            heldCr = false;
        }
        if (missing != null && inHeader && contentSize <= contentLimit) {
            // A message that is all header: the fields go at its end, on a line of their own.
            if (lastByte != '\n') {
                put('\r');
                put('\n');
            }
            addMissingFields();
        }
        flush();
        return spool.finish();
    }

    /** Discards whatever was written. */
    @Override
    public void close() throws IOException {
        spool.close();
    }
}
