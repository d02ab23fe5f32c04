package org.mailroom.smtp.mailauth.dkim;

import java.security.MessageDigest;

/**
 * Canonicalises a body as it streams past (RFC 6376 §3.4.3 simple, §3.4.4 relaxed) and feeds at most
 * {@code limit} canonical octets (the {@code l=} tag, §3.5) into a digest. Empty lines are held back
 * as a count until content follows, since trailing empty lines are dropped: nothing but that count
 * and one pending whitespace flag is ever kept, whatever the body's size.
 *
 * <p>A bare LF is taken as a line end, as RFC 6376 §5.3 asks signers to convert local line endings to
 * CRLF before signing; the SMTP server refuses bare LFs in DATA anyway.
 */
public final class BodyCanonicalizer {

    private final boolean relaxed;
    private final MessageDigest digest;
    private final long limit;
    private long canonicalLength;
    private long hashed;
    private long pendingEmptyLines;
    private boolean lineHasContent;
    private boolean pendingWhitespace;
    private boolean pendingCr;
    private boolean finished;
    /** Canonical octets waiting for the digest: one update per buffer, not per octet. */
    private final byte[] pending = new byte[8192];
    private int pendingLength;

    /** @param limit how many canonical octets to hash; {@code Long.MAX_VALUE} for all */
    public BodyCanonicalizer(Canonicalization c, MessageDigest digest, long limit) {
        this.relaxed = c == Canonicalization.RELAXED;
        this.digest = digest;
        this.limit = limit;
    }

    public void update(byte[] buffer, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            update(buffer[i]);
        }
    }

    private void update(byte b) {
        if (b == '\r') {
            if (pendingCr) {
                content((byte) '\r'); // a bare CR is content
            }
            pendingCr = true;
            return;
        }
        if (b == '\n') {
            pendingCr = false;
            endOfLine();
            return;
        }
        if (pendingCr) {
            pendingCr = false;
            content((byte) '\r');
        }
        if (relaxed && (b == ' ' || b == '\t')) {
            pendingWhitespace = true;
            return;
        }
        content(b);
    }

    private void content(byte b) {
        if (!lineHasContent) {
            for (; pendingEmptyLines > 0; pendingEmptyLines--) {
                emit((byte) '\r');
                emit((byte) '\n');
            }
            lineHasContent = true;
        }
        if (pendingWhitespace) {
            emit((byte) ' ');
            pendingWhitespace = false;
        }
        emit(b);
    }

    private void endOfLine() {
        pendingWhitespace = false; // relaxed: WSP at the end of a line is ignored
        if (lineHasContent) {
            emit((byte) '\r');
            emit((byte) '\n');
            lineHasContent = false;
        } else {
            pendingEmptyLines++;
        }
    }

    /** Ends the body; returns the digest of the hashed part. */
    public byte[] finish() {
        if (!finished) {
            finished = true;
            if (pendingCr) {
                pendingCr = false;
                content((byte) '\r');
            }
            if (lineHasContent) {
                endOfLine(); // a last line without CRLF gets one (both algorithms)
            }
            if (!relaxed && canonicalLength == 0) {
                emit((byte) '\r'); // §3.4.3: an empty body is one CRLF in simple
                emit((byte) '\n');
            }
        }
        flush();
        return digest.digest();
    }

    /** The whole canonical body's length, hashed or not (valid after {@link #finish()}). */
    public long canonicalLength() {
        return canonicalLength;
    }

    private void emit(byte b) {
        canonicalLength++;
        if (hashed < limit) {
            if (pendingLength == pending.length) {
                flush();
            }
            pending[pendingLength++] = b;
            hashed++;
        }
    }

    private void flush() {
        digest.update(pending, 0, pendingLength);
        pendingLength = 0;
    }
}
