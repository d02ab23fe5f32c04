package org.mailroom.imap.protocol;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.mailroom.spool.Spool;
import org.mailroom.spool.SpoolWriter;

/**
 * Cuts the client's octets into commands (RFC 9051 §2.2.1): lines ending in CRLF, each possibly
 * ending in a literal announcement {@code {n}}, {@code {n+}} (RFC 7888) or {@code ~{n}} (RFC 3516),
 * whose octets follow and after which the command line goes on. Resumable: it takes whatever bytes
 * have arrived and keeps its place. Literals stream into a {@link SpoolWriter}, so a large APPEND
 * never sits whole in heap. Not thread-safe: one per connection, fed from one thread at a time.
 */
public final class CommandFramer implements AutoCloseable {

    /** Literals up to this size stay in heap; larger ones spill to a private file. */
    private static final int LITERAL_MEMORY = 64 * 1024;

    private final Path spoolDir;
    private volatile FramerLimits limits;

    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final List<Frame.Part> parts = new ArrayList<>();
    private int commandOctets;
    private boolean discardingLine;
    private String discardTag;
    private SpoolWriter literal;
    private boolean literalBinary;
    private long literalRemaining;
    private boolean broken;

    public CommandFramer(Path spoolDir, FramerLimits limits) {
        this.spoolDir = spoolDir;
        this.limits = limits;
    }

    /** Widens or tightens the limits, e.g. after login; applies from the next line. */
    public void limits(FramerLimits limits) {
        this.limits = limits;
    }

    public FramerLimits limits() {
        return limits;
    }

    /** Consumes every byte of {@code in}, handing each finished frame to {@code out}. */
    public void feed(ByteBuffer in, Consumer<Frame> out) {
        while (in.hasRemaining() && !broken) {
            if (literal != null) {
                readLiteral(in);
                continue;
            }
            byte b = in.get();
            if (b != '\n') {
                if (discardingLine) {
                    continue;
                }
                line.write(b);
                if (line.size() > limits.maxLine()) {
                    discardTag = parts.isEmpty() ? tagOf(line.toByteArray())
                            : tagOf(((Frame.Text) parts.get(0)).bytes());
                    discardingLine = true;
                }
                continue;
            }
            if (discardingLine) {
                discardingLine = false;
                reset();
                out.accept(new Frame.Refused(discardTag, Frame.Reason.LINE_TOO_LONG));
                continue;
            }
            endOfLine(out, in.hasRemaining());
        }
    }

    private void endOfLine(Consumer<Frame> out, boolean more) {
        byte[] bytes = line.toByteArray();
        line.reset();
        int len = bytes.length;
        if (len > 0 && bytes[len - 1] == '\r') {
            len--;
        }
        byte[] text = java.util.Arrays.copyOf(bytes, len);
        commandOctets += len;
        LiteralAnnouncement ann = LiteralAnnouncement.at(text);
        String tag = parts.isEmpty() ? tagOf(text) : tagOf(((Frame.Text) parts.get(0)).bytes());
        if (commandOctets > limits.maxCommand()) {
            refuseOrFail(out, tag, Frame.Reason.COMMAND_TOO_BIG, ann == null || ann.synchronising());
            return;
        }
        parts.add(new Frame.Text(text));
        if (ann == null) {
            out.accept(new Frame.Command(List.copyOf(parts), more));
            parts.clear();
            commandOctets = 0;
            return;
        }
        long literals = parts.stream().filter(p -> p instanceof Frame.Literal).count();
        if (literals + 1 > limits.maxLiterals()) {
            refuseOrFail(out, tag, Frame.Reason.TOO_MANY_LITERALS, ann.synchronising());
            return;
        }
        if (ann.length() > limits.maxLiteral()) {
            refuseOrFail(out, tag, Frame.Reason.LITERAL_TOO_BIG, ann.synchronising());
            return;
        }
        literal = new SpoolWriter(spoolDir, LITERAL_MEMORY, ann.length());
        literalBinary = ann.binary();
        literalRemaining = ann.length();
        if (ann.synchronising()) {
            out.accept(new Frame.ContinuationWanted());
        }
        if (literalRemaining == 0) {
            finishLiteral();
        }
    }

    /**
     * A synchronising literal can be refused cleanly: the client sends nothing until told to. A
     * non-synchronising one is already on its way, and we will not read it (RFC 7888 §4).
     */
    private void refuseOrFail(Consumer<Frame> out, String tag, Frame.Reason reason, boolean synchronising) {
        reset();
        if (synchronising) {
            out.accept(new Frame.Refused(tag, reason));
        } else {
            broken = true;
            out.accept(new Frame.Fatal(tag, reason));
        }
    }

    private void readLiteral(ByteBuffer in) {
        int n = (int) Math.min(in.remaining(), literalRemaining);
        try {
            if (in.hasArray()) {
                literal.write(in.array(), in.arrayOffset() + in.position(), n);
                in.position(in.position() + n);
            } else {
                byte[] chunk = new byte[n];
                in.get(chunk);
                literal.write(chunk, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        literalRemaining -= n;
        if (literalRemaining == 0) {
            finishLiteral();
        }
    }

    private void finishLiteral() {
        try {
            Spool spool = literal.finish();
            parts.add(new Frame.Literal(spool, literalBinary));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            literal = null;
        }
    }

    private void reset() {
        line.reset();
        Frames.release(parts);
        parts.clear();
        commandOctets = 0;
    }

    /** The tag a refusal goes to: the first word of the command, or "*" when there is none usable. */
    static String tagOf(byte[] text) {
        int end = 0;
        while (end < text.length && end < 64 && text[end] != ' ' && Syntax.isTagChar(text[end])) {
            end++;
        }
        boolean whole = end < text.length ? text[end] == ' ' : end > 0;
        return end == 0 || !whole ? "*" : new String(text, 0, end, StandardCharsets.US_ASCII);
    }

    /** Discards a partial command and its spooled literals. */
    @Override
    public void close() {
        if (literal != null) {
            try {
                literal.close();
            } catch (IOException e) {
                // a leftover temporary file is removed with the spool directory's next cleanup
            }
            literal = null;
        }
        reset();
    }

    /** {n}, {n+} or ~{n} at the end of a line. */
    record LiteralAnnouncement(long length, boolean synchronising, boolean binary) {

        static LiteralAnnouncement at(byte[] text) {
            int n = text.length;
            if (n < 3 || text[n - 1] != '}') {
                return null;
            }
            int end = n - 1;
            boolean plus = text[end - 1] == '+';
            if (plus) {
                end--;
            }
            int start = end;
            while (start > 0 && text[start - 1] >= '0' && text[start - 1] <= '9') {
                start--;
            }
            if (start == end || start == 0 || text[start - 1] != '{' || end - start > 12) {
                return null;
            }
            long len = Long.parseLong(new String(text, start, end - start, StandardCharsets.US_ASCII));
            boolean binary = start >= 2 && text[start - 2] == '~';
            return new LiteralAnnouncement(len, !plus, binary);
        }
    }
}
