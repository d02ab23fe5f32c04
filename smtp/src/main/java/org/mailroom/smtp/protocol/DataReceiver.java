package org.mailroom.smtp.protocol;

import java.io.IOException;

/**
 * Undoes the DATA transfer encoding (RFC 5321 §4.5.2) as octets arrive, in any split: removes the
 * dot-stuffing, recognises the end of data, and checks line endings and lengths.
 *
 * <p>Only {@code <CRLF>.<CRLF>} ends the data. A bare LF or bare CR (RFC 5321 §2.3.8) is never a line
 * ending here: it is content, and it condemns the message, which is read to its real end and then
 * refused. That closes SMTP smuggling (CVE-2023-51764 and its kin): a {@code <LF>.<LF>} or
 * {@code <LF>.<CRLF>} that another server would take as the end cannot end the message here and so
 * cannot start a second, forged one.
 */
public final class DataReceiver {

    /** What was wrong with the data, found once it ended. */
    public enum Defect { NONE, BARE_LINE_ENDING, LINE_TOO_LONG }

    private enum State { LINE_START, DOT, DOT_CR, IN_LINE, CR }

    private final MessageSink sink;
    private final int maxLine;
    private State state = State.LINE_START;
    private int lineLength;
    private boolean done;
    private Defect defect = Defect.NONE;

    /** @param maxLine the longest line accepted, CRLF included (RFC 5321 §4.5.3.1.6) */
    public DataReceiver(MessageSink sink, int maxLine) {
        this.sink = sink;
        this.maxLine = maxLine;
    }

    /**
     * Consumes octets until the end of data or the end of the input.
     *
     * @return how many octets it consumed; fewer than {@code len} only when the data ended
     */
    public int consume(byte[] in, int off, int len) throws IOException {
        int i = off;
        int end = off + len;
        while (i < end && !done) {
            accept(in[i++] & 0xff);
        }
        return i - off;
    }

    public boolean isDone() {
        return done;
    }

    public Defect defect() {
        return defect;
    }

    private void accept(int b) throws IOException {
        switch (state) {
            case LINE_START -> {
                if (b == '.') {
                    state = State.DOT;
                    count();
                } else {
                    inLine(b);
                }
            }
            case DOT -> {
                if (b == '\r') {
                    state = State.DOT_CR;
                } else {
                    // A stuffed dot (RFC 5321 §4.5.2): drop it, keep the rest of the line.
                    inLine(b);
                }
            }
            case DOT_CR -> {
                if (b == '\n') {
                    done = true;
                } else {
                    // ".<CR>x": the line was a dot and a bare CR; the dot was stuffing all the same.
                    flag(Defect.BARE_LINE_ENDING);
                    sink.write('\r');
                    count();
                    state = State.IN_LINE;
                    inLine(b);
                }
            }
            case IN_LINE -> inLine(b);
            case CR -> {
                if (b == '\n') {
                    sink.write('\r');
                    sink.write('\n');
                    state = State.LINE_START;
                    lineLength = 0;
                } else {
                    flag(Defect.BARE_LINE_ENDING);
                    sink.write('\r');
                    state = State.IN_LINE;
                    inLine(b);
                }
            }
            default -> throw new IllegalStateException();
        }
    }

    private void inLine(int b) throws IOException {
        if (b == '\r') {
            state = State.CR;
            count();
            return;
        }
        if (b == '\n') {
            // A bare LF: content, not a line ending, so a following "." cannot end the data.
            flag(Defect.BARE_LINE_ENDING);
        }
        state = State.IN_LINE;
        count();
        sink.write(b);
    }

    private void count() {
        if (++lineLength > maxLine - 1) {
            flag(Defect.LINE_TOO_LONG);
        }
    }

    private void flag(Defect d) {
        if (defect == Defect.NONE) {
            defect = d;
        }
    }
}
