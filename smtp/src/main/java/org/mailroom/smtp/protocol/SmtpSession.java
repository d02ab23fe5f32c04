package org.mailroom.smtp.protocol;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.mailroom.session.ErrorBudget;
import org.mailroom.session.ForeignProtocol;
import org.mailroom.smtp.ListenerKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SMTP session's engine: frames the octets the client sends into command lines or message data,
 * dispatches commands, and carries out their {@link Result}s. MINA-free (STYLE.md §3).
 *
 * <p>Framing lives here rather than in a MINA decoder because what the next octet means depends on
 * the outcome of the previous command (354 after DATA, a BDAT chunk, a SASL response, the TLS
 * handshake after 220): with pipelining (RFC 2920) those octets can arrive in the same read as the
 * command. Like a {@code CumulativeProtocolDecoder}, it keeps what it cannot use yet and waits for more.
 *
 * <p>Callers serialise all calls (the MINA adapter synchronises on this object).
 */
public final class SmtpSession {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpSession.class);

    /** RFC 4954 §4: a SASL response line may be up to 12288 octets. */
    static final int MAX_SASL_LINE = 12_288;

    private enum Mode { COMMAND, SKIP_LONG_LINE, TRANSFER, TLS_PENDING, CLOSED }

    private final SessionContext context;
    private final Connection connection;
    private final Map<String, SmtpCommand<?>> commands;
    private final long started = System.nanoTime();
    private byte[] input = new byte[4096];
    private int start;
    private int end;
    private Mode mode = Mode.COMMAND;
    private boolean paused;
    private Transfer transfer;
    private Result.LineHandler lineHandler;
    private String endReason = "disconnected";

    public SmtpSession(SessionContext context, Connection connection, Map<String, SmtpCommand<?>> commands) {
        this.context = context;
        this.connection = connection;
        this.commands = Map.copyOf(commands);
    }

    public SessionContext context() {
        return context;
    }

    /** A fresh, unguessable session id for the log. */
    public static String newSessionId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** Sends the greeting (RFC 5321 §4.3.1), naming the host but no software. */
    public void start() {
        context.setReadTimeout(context.config().commandTimeout());
        connection.send(Reply.plain(220, context.hostname() + " ESMTP ready"));
    }

    /** Refuses the connection with a 421 (RFC 5321 §3.1) and closes it. */
    public void refuse(Reply why, String reason) {
        endReason = reason;
        connection.send(why);
        close();
    }

    /**
     * Octets from the client.
     *
     * @param viaTls whether they came out of the TLS layer (false for clear text)
     */
    public void receive(byte[] data, int off, int len, boolean viaTls) {
        if (mode == Mode.CLOSED || len == 0) {
            return;
        }
        if (mode == Mode.TLS_PENDING && !viaTls) {
            // Clear text after our 220 to STARTTLS and before the handshake: injection (RFC 3207 §5, STYLE.md §14).
            endReason = "clear text after STARTTLS";
            close();
            return;
        }
        if (viaTls && !context.isTls()) {
            // The first octets out of TLS: the handshake is complete (after STARTTLS, or on the implicit-TLS port).
            context.tlsEstablished(connection.tls().orElse(new TlsInfo("TLS", "unknown")));
            mode = Mode.COMMAND;
        }
        append(data, off, len);
        process();
    }

    /**
     * Whether these octets, not yet received, are exactly one command line of a {@link CommandFlag#QUICK}
     * command that this session would run at once: nothing else buffered, no message data, SASL
     * exchange, delay or TLS handshake under way. The listener then need not hand them to a worker.
     */
    public boolean answersAtOnce(ByteBuffer data, boolean viaTls) {
        if (mode != Mode.COMMAND || paused || lineHandler != null || start != end || viaTls != context.isTls()) {
            return false;
        }
        int from = data.position();
        int to = data.limit();
        if (to - from < 2 || to - from > context.config().maxCommandLine() || data.get(to - 1) != '\n') {
            return false;
        }
        int verbEnd = from;
        while (verbEnd < to && data.get(verbEnd) != ' ' && data.get(verbEnd) != '\r' && data.get(verbEnd) != '\n') {
            verbEnd++;
        }
        for (int i = verbEnd; i < to - 1; i++) {
            if (data.get(i) == '\n') {
                return false; // more than one line: pipelined commands go to a worker together
            }
        }
        byte[] verb = new byte[verbEnd - from];
        data.get(from, verb);
        SmtpCommand<?> command = commands.get(new String(verb, StandardCharsets.US_ASCII).toUpperCase(Locale.ROOT));
        return command != null && command.flags().contains(CommandFlag.QUICK);
    }

    /** The connection was idle too long (RFC 5321 §4.5.3.2). */
    public void timeout() {
        if (mode == Mode.CLOSED) {
            return;
        }
        endReason = "timeout";
        connection.send(Reply.of(421, "4.4.2", context.hostname() + " Timeout, closing connection"));
        close();
    }

    /**
     * The server is shutting down: a session between commands is told so and closed (RFC 5321 §3.8 allows
     * 421 at any time); one receiving or storing a message is left to finish. A transaction without data is
     * abandoned, and its client will try again.
     */
    public boolean closeIfIdle() {
        if (mode == Mode.CLOSED) {
            return true;
        }
        if (mode == Mode.TRANSFER) {
            return false;
        }
        endReason = "server shutdown";
        connection.send(Reply.of(421, "4.3.2", context.hostname() + " Service shutting down, try again later"));
        close();
        return true;
    }

    /** The connection is gone, whatever the reason: nothing received for an unfinished message remains. */
    public void closed() {
        if (transfer != null) {
            transfer.abort();
            transfer = null;
        }
        context.resetTransaction();
        mode = Mode.CLOSED;
        LOG.info("smtp session={} listener={} client={} helo={} tls={} user={} messages={} errors={} "
                        + "seconds={} end={}",
                context.sessionId(), context.kind().name().toLowerCase(Locale.ROOT),
                context.client().getHostAddress(), context.helo().isEmpty() ? "-" : context.helo(),
                context.tls().map(t -> t.protocol() + "/" + t.cipherSuite()).orElse("no"),
                context.user().map(u -> u.address().toString()).orElse("-"),
                context.messagesAccepted(), context.errors().errors(),
                (System.nanoTime() - started) / 1_000_000_000L, endReason);
    }

    public boolean isClosed() {
        return mode == Mode.CLOSED;
    }

    private void append(byte[] data, int off, int len) {
        if (end + len > input.length) {
            int live = end - start;
            if (live + len > input.length) {
                input = Arrays.copyOf(input, Math.max(input.length * 2, live + len));
            }
            System.arraycopy(input, start, input, 0, live);
            start = 0;
            end = live;
        }
        System.arraycopy(data, off, input, end, len);
        end += len;
    }

    private void process() {
        while (!paused && start < end && mode != Mode.CLOSED) {
            switch (mode) {
                case COMMAND -> {
                    if (!nextLine()) {
                        return;
                    }
                }
                case SKIP_LONG_LINE -> skipLongLine();
                case TRANSFER -> transferData();
                case TLS_PENDING -> {
                    endReason = "commands pipelined after STARTTLS";
                    close();
                }
                default -> {
                    return;
                }
            }
        }
        if (start == end) {
            start = 0;
            end = 0;
            if (input.length > 65_536) {
                input = new byte[4096];
            }
        }
    }

    /** Handles one complete line; false if none is complete yet. */
    private boolean nextLine() {
        int max = lineHandler != null || startsWithAuth() ? MAX_SASL_LINE : context.config().maxCommandLine();
        int limit = Math.min(end, start + max);
        for (int i = start; i < limit; i++) {
            if (input[i] == '\n') {
                boolean crlf = i > start && input[i - 1] == '\r';
                String line = new String(input, start, (crlf ? i - 1 : i) - start, StandardCharsets.UTF_8);
                start = i + 1;
                if (!crlf) {
                    lineHandler = null;
                    respond(Reply.BARE_LF_IN_COMMAND);
                } else {
                    line(line);
                }
                return true;
            }
        }
        if (end - start >= max) {
            // RFC 5321 §4.5.3.1.4: answer "500 line too long" once the line has ended, not before.
            mode = Mode.SKIP_LONG_LINE;
            return true;
        }
        return false;
    }

    /** RFC 4954 §4: an AUTH command line, with its initial response, may be up to 12288 octets. */
    private boolean startsWithAuth() {
        if (end - start < 5) {
            return false;
        }
        String verb = new String(input, start, 5, StandardCharsets.US_ASCII);
        return verb.equalsIgnoreCase("AUTH ");
    }

    private void skipLongLine() {
        for (int i = start; i < end; i++) {
            if (input[i] == '\n') {
                start = i + 1;
                mode = Mode.COMMAND;
                lineHandler = null;
                respond(Reply.LINE_TOO_LONG);
                return;
            }
        }
        start = end;
    }

    private void transferData() {
        try {
            int n = transfer.consume(input, start, end - start);
            start += n;
            if (transfer.isComplete()) {
                Transfer done = transfer;
                transfer = null;
                mode = Mode.COMMAND;
                context.setReadTimeout(context.config().commandTimeout());
                respond(guarded(() -> done.finish(context)));
            }
        } catch (IOException e) {
            String ref = reference();
            LOG.warn("smtp session={} ref={} cannot spool message data: {}", context.sessionId(), ref, e.toString());
            transfer.abort();
            transfer = null;
            endReason = "spool failure";
            connection.send(Reply.of(421, "4.3.0", context.hostname() + " Internal error, reference " + ref));
            close();
        }
    }

    private void line(String line) {
        if (lineHandler != null) {
            Result.LineHandler h = lineHandler;
            lineHandler = null;
            respond(guarded(() -> h.onLine(line, context)));
            return;
        }
        if (ForeignProtocol.isHttp(line)) {
            // STYLE.md §13: a browser or a cross-protocol attack; no reply it could render.
            endReason = "HTTP request";
            close();
            return;
        }
        int sp = line.indexOf(' ');
        String verb = (sp < 0 ? line : line.substring(0, sp)).toUpperCase(Locale.ROOT);
        String args = sp < 0 ? "" : line.substring(sp + 1);
        SmtpCommand<?> command = commands.get(verb);
        if (command == null) {
            respond(Reply.UNRECOGNIZED);
            return;
        }
        respond(guarded(() -> dispatch(command, args)));
    }

    private <R> Result dispatch(SmtpCommand<R> command, String args) {
        R request;
        try {
            request = command.parse(args);
        } catch (SyntaxException e) {
            return Result.reply(e.reply());
        }
        if (!command.validIn().contains(context.state())) {
            return command.refuse(request, command.outOfSequence(context.state()));
        }
        ListenerKind kind = context.kind();
        if (command.flags().contains(CommandFlag.TRANSACTION) && kind.submission()) {
            if (!context.mayAuthenticate()) {
                return command.refuse(request, Reply.NEED_STARTTLS);
            }
            if (context.user().isEmpty()) {
                return command.refuse(request, Reply.NEED_AUTH);
            }
        }
        if (command.flags().contains(CommandFlag.CREDENTIALS) && !context.mayAuthenticate()) {
            return command.refuse(request, Reply.ENCRYPTION_REQUIRED);
        }
        return command.execute(request, context);
    }

    /** STYLE.md §10: anything unexpected reaches the client only as a reference to the log. */
    private Result guarded(java.util.function.Supplier<Result> action) {
        try {
            return action.get();
        } catch (RuntimeException e) {
            String ref = reference();
            LOG.error("smtp session={} ref={} internal error", context.sessionId(), ref, e);
            context.resetTransaction();
            return Result.reply(Reply.of(451, "4.3.0", "Internal error, reference " + ref));
        }
    }

    private static String reference() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private void respond(Reply reply) {
        respond(Result.reply(reply));
    }

    private void respond(Result result) {
        result = charged(result);
        if (result instanceof Result.Send send) {
            connection.send(send.reply());
        } else if (result instanceof Result.Close c) {
            if (endReason.equals("disconnected")) {
                endReason = c.reply().code() == 221 ? "quit" : "closed after " + c.reply().code();
            }
            connection.send(c.reply());
            close();
        } else if (result instanceof Result.Delayed d) {
            delay(d);
        } else if (result instanceof Result.StartTransfer t) {
            t.intermediate().ifPresent(connection::send);
            transfer = t.transfer();
            mode = Mode.TRANSFER;
            context.setReadTimeout(context.config().dataTimeout());
        } else if (result instanceof Result.StartTls t) {
            startTls(t.ready());
        } else if (result instanceof Result.Continue c) {
            lineHandler = c.handler();
            connection.send(c.challenge());
        }
    }

    /** Counts errors against the session's budget (STYLE.md §13): slower replies, then 421. */
    private Result charged(Result result) {
        Optional<Reply> reply = Optional.empty();
        if (result instanceof Result.Send send) {
            reply = Optional.of(send.reply());
        } else if (result instanceof Result.Delayed d && !d.closeAfter()) {
            reply = Optional.of(d.reply());
        }
        if (reply.isEmpty() || !reply.get().isError()) {
            return result;
        }
        ErrorBudget.Verdict v = context.errors().charge();
        if (v.close()) {
            endReason = "error budget";
            return new Result.Close(Reply.of(421, "4.7.0", context.hostname() + " Too many errors, closing connection"));
        }
        Duration already = result instanceof Result.Delayed d ? d.delay() : Duration.ZERO;
        if (v.delay().compareTo(already) > 0) {
            return new Result.Delayed(reply.get(), v.delay(), false);
        }
        return result;
    }

    private void delay(Result.Delayed d) {
        paused = true;
        connection.suspendInput(true);
        connection.schedule(d.delay(), () -> {
            if (mode == Mode.CLOSED) {
                return;
            }
            paused = false;
            connection.send(d.reply());
            if (d.closeAfter()) {
                close();
                return;
            }
            connection.suspendInput(false);
            process();
        });
    }

    private void startTls(Reply ready) {
        if (start < end) {
            // RFC 3207 §5 and STYLE.md §14: octets after STARTTLS were meant to be read as if encrypted;
            // they are discarded, and the connection with them.
            LOG.info("smtp session={} client={} refused: commands pipelined after STARTTLS",
                    context.sessionId(), context.client().getHostAddress());
            start = end;
            endReason = "commands pipelined after STARTTLS";
            connection.send(Reply.of(554, "5.5.1", "Commands must not follow STARTTLS before the handshake"));
            close();
            return;
        }
        mode = Mode.TLS_PENDING;
        connection.startTls(ready);
    }

    private void close() {
        if (transfer != null) {
            transfer.abort();
            transfer = null;
        }
        context.resetTransaction();
        mode = Mode.CLOSED;
        connection.close();
    }

    /** Sets the reason logged when the connection ends. */
    public void endReason(String reason) {
        this.endReason = reason;
    }
}
