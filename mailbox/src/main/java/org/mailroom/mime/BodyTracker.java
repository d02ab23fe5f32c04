package org.mailroom.mime;

/**
 * Follows one part's body while the lines go by: its end offset, its line count and, for an
 * encoded leaf, its decoded size. The terminator of the last line is held back until the next line
 * shows it is not a boundary: RFC 2046 §5.1.1 gives the CRLF before a boundary to the boundary.
 */
final class BodyTracker {

    private static final byte[] CRLF = {'\r', '\n'};

    private final long start;
    private final TransferDecoding.Decoder decoder;
    private final TransferDecoding.CountingSink decoded = new TransferDecoding.CountingSink();
    private long end;
    private long lineFeeds;
    private boolean nonEmpty;
    private boolean endsWithLineFeed;
    private int pending;

    BodyTracker(long start, TransferDecoding.Decoder decoder) {
        this.start = start;
        this.end = start;
        this.decoder = decoder;
    }

    void feed(LineReader r) {
        flushPending();
        int content = r.contentLength();
        if (content > 0) {
            if (decoder != null) {
                decoder.write(r.line, 0, content, decoded);
            }
            end += content;
            nonEmpty = true;
            endsWithLineFeed = false;
        }
        pending = r.terminator;
    }

    private void flushPending() {
        if (pending > 0) {
            if (decoder != null) {
                decoder.write(CRLF, 2 - pending, pending, decoded);
            }
            end += pending;
            lineFeeds++;
            nonEmpty = true;
            endsWithLineFeed = true;
            pending = 0;
        }
    }

    /** The body has ended, at a boundary (which takes the last line's terminator) or at the end of input. */
    void close(boolean atBoundary) {
        if (!atBoundary) {
            flushPending();
        }
        pending = 0;
        if (decoder != null) {
            decoder.finish(decoded);
        }
    }

    long start() {
        return start;
    }

    long end() {
        return end;
    }

    /** Lines as RFC 9051 body-fld-lines counts them: a last line without terminator counts too. */
    long lines() {
        return lineFeeds + (nonEmpty && !endsWithLineFeed ? 1 : 0);
    }

    /** Octets after decoding; meaningful only with a decoder. */
    long decodedSize() {
        return decoded.count;
    }
}
