package org.mailroom.smtp.outbound;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes message content as SMTP DATA: a {@code .} at the start of a line is doubled (RFC 5321
 * §4.5.2), and every line ends in CRLF, a bare CR or LF becoming one (RFC 5321 §2.3.8), so that no
 * receiver can read an end of data, or anything else, into the content that we did not mean (the
 * 2023 SMTP smuggling class). {@link #finish()} ends the data with {@code <CRLF>.<CRLF>}.
 */
final class DotStuffingOutputStream extends FilterOutputStream {

    private boolean atLineStart = true;
    private boolean pendingCr;

    DotStuffingOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        if (pendingCr) {
            pendingCr = false;
            endLine();
            if (b == '\n') {
                return;
            }
        }
        if (b == '\r') {
            pendingCr = true;
            return;
        }
        if (b == '\n') {
            endLine();
            return;
        }
        if (atLineStart && b == '.') {
            out.write('.');
        }
        out.write(b);
        atLineStart = false;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        for (int i = off; i < off + len; i++) {
            write(b[i]);
        }
    }

    private void endLine() throws IOException {
        out.write('\r');
        out.write('\n');
        atLineStart = true;
    }

    /** Ends the last line if the content did not, then writes the end-of-data line and flushes. */
    void finish() throws IOException {
        if (pendingCr) {
            pendingCr = false;
            endLine();
        }
        if (!atLineStart) {
            endLine();
        }
        out.write(new byte[] {'.', '\r', '\n'});
        out.flush();
    }
}
