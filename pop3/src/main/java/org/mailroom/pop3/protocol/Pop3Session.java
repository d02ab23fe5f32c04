package org.mailroom.pop3.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.mailroom.auth.AuthenticatedUser;
import org.mailroom.auth.Authenticator;
import org.mailroom.auth.LoginResult;
import org.mailroom.session.ErrorBudget;
import org.mailroom.session.ForeignProtocol;
import org.mailroom.store.Maildrop.MaildropMessage;
import org.mailroom.store.MaildropStore;
import org.mailroom.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One POP3 session: its state, its maildrop and the dispatcher, the one place where errors become
 * replies (STYLE.md §10). Not thread-safe: the connection calls it from one thread at a time, in
 * the order things happened (MINA's ordered executor).
 */
public final class Pop3Session {

    private static final Logger LOG = LoggerFactory.getLogger(Pop3Session.class);
    /** Pipelined lines held while a reply is delayed; a client sending more is not a POP3 client. */
    private static final int MAX_HELD_LINES = 200;

    private final String id;
    private final Pop3Channel channel;
    private final SessionPolicy policy;
    private final CommandTable commands;
    private final Authenticator authenticator;
    private final MaildropStore maildrops;
    private final ErrorBudget budget;
    private final ArrayDeque<InputLine> held = new ArrayDeque<>();
    private final SessionLog log;

    private Pop3State state = Pop3State.AUTHORIZATION;
    private String pendingUser;
    private Continuation continuation;
    private MarkedMaildrop maildrop;
    private boolean delayed;
    private boolean closed;
    private boolean utf8;
    private int internalErrors;
    /** The line whose command is executing, for {@link #inputFollows}. */
    private InputLine currentLine;

    public Pop3Session(String id, Pop3Channel channel, SessionPolicy policy, CommandTable commands,
                       Authenticator authenticator, MaildropStore maildrops) {
        this.id = id;
        this.channel = channel;
        this.policy = policy;
        this.commands = commands;
        this.authenticator = authenticator;
        this.maildrops = maildrops;
        this.budget = new ErrorBudget(policy.errorSoftLimit(), policy.errorHardLimit());
        this.log = new SessionLog(id, channel.clientAddress());
    }

    // ---- events from the connection ----

    /** The greeting (RFC 1939 §4). No APOP timestamp: APOP is not offered. */
    public void start() {
        log.secure(channel.isSecure());
        reply(Reply.ok(policy.hostname() + " POP3 server ready"));
    }

    public void onLine(InputLine line) {
        if (closed) {
            return;
        }
        if (delayed) {
            held.add(line);
            if (held.size() > MAX_HELD_LINES) {
                log.outcome("flooded while a reply was delayed");
                close();
            }
            return;
        }
        process(line);
    }

    /** RFC 1939 §3 autologout: closes without entering UPDATE, so nothing is deleted. */
    public void onIdle() {
        if (!closed) {
            log.outcome("idle timeout");
            reply(Reply.IDLE_TIMEOUT);
            close();
        }
    }

    /** The server is stopping: the session ends between commands, without UPDATE. */
    public void onShutdown() {
        if (!closed) {
            log.outcome("server shutdown");
            reply(Reply.SHUTTING_DOWN);
            close();
        }
    }

    /** The connection is gone, however: an open maildrop is released with nothing deleted (RFC 1939 §6). */
    public void onDisconnected() {
        closed = true;
        releaseMaildrop();
        log.end();
    }

    // ---- the dispatcher ----

    private void process(InputLine line) {
        try {
            dispatch(line);
        } catch (StoreException e) {
            storeFailure(e);
        } catch (IOException | UncheckedIOException e) {
            // the connection or the store's stream broke in the middle of a response: nothing more can be said
            LOG.info("session {}: connection ended during a response: {}", id, e.toString());
            log.outcome("i/o error");
            close();
        } catch (RuntimeException e) {
            internalError(e);
        }
    }

    private void dispatch(InputLine line) throws IOException {
        if (line.tooLong()) {
            continuation = null;
            fail(Reply.LINE_TOO_LONG);
            return;
        }
        if (continuation != null) {
            Continuation c = continuation;
            continuation = null;
            c.accept(this, line.text());
            return;
        }
        String text = line.text();
        if (state != Pop3State.TRANSACTION && ForeignProtocol.isHttp(text)) {
            log.outcome("foreign protocol");
            close();
            return;
        }
        int space = text.indexOf(' ');
        String keyword = (space < 0 ? text : text.substring(0, space)).toUpperCase(Locale.ROOT);
        String arguments = space < 0 ? "" : text.substring(space + 1);
        Optional<Command<?>> command = commands.find(keyword);
        if (command.isEmpty()) {
            // not the word itself: a client out of step may have sent a password as a line
            log.command("(unknown)");
            fail(Reply.UNKNOWN_COMMAND);
            return;
        }
        run(command.get(), arguments, line);
    }

    private <R> void run(Command<R> command, String arguments, InputLine line) throws IOException {
        log.command(command.name());
        if (!command.states().contains(state)) {
            refused(command, Reply.WRONG_STATE);
            return;
        }
        if (command.carriesCredentials() && !passwordsAllowed()) {
            fail(Reply.TLS_FIRST);
            return;
        }
        R request;
        try {
            request = command.parse(arguments);
        } catch (SyntaxException e) {
            refused(command, Reply.err(e.getMessage()));
            return;
        }
        if (state == Pop3State.USER_GIVEN && !command.name().equals("PASS") && !command.name().equals("CAPA")) {
            // RFC 1939 §7: PASS must follow USER; anything else starts the login over
            pendingUser = null;
            state = Pop3State.AUTHORIZATION;
        }
        currentLine = line;
        command.execute(this, request);
    }

    /** A command refused before it ran; a refused STLS leaves the connection in the clear, as it was. */
    private void refused(Command<?> command, Reply reply) {
        if (command.name().equals("STLS")) {
            channel.stlsDeclined();
        }
        fail(reply);
    }

    // ---- replies ----

    public void reply(Reply reply) {
        if (!closed) {
            channel.write(reply.bytes());
        }
    }

    /** A multi-line response (RFC 1939 §3): status line, lines (dot-stuffed), then {@code .}. */
    public void replyLines(Reply status, List<String> lines) {
        StringBuilder sb = new StringBuilder(status.line()).append("\r\n");
        for (String l : lines) {
            if (l.startsWith(".")) {
                sb.append('.');
            }
            sb.append(l).append("\r\n");
        }
        sb.append(".\r\n");
        if (!closed) {
            channel.write(sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /** Streams a message after {@code status}; {@code bodyLines} -1 for all of it (RETR), else TOP's n. */
    public void replyMessage(Reply status, MaildropMessage message, long bodyLines) throws IOException {
        try (InputStream in = maildrop.open(message)) {
            if (!closed) {
                new MessageStreamer(channel).send(status.bytes(), in, bodyLines, message.size());
            }
        }
        log.retrieved(message.size());
    }

    /** A SASL challenge line (RFC 5034 §4): {@code +}, a space, and base64 (possibly empty). */
    public void sendChallenge(String base64) {
        if (!closed) {
            channel.write(("+ " + base64 + "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
    }

    /** A command failed or was malformed: counts against the error budget (STYLE.md §13). */
    public void fail(Reply reply) {
        ErrorBudget.Verdict verdict = budget.charge();
        if (verdict.close()) {
            log.outcome("error budget used up");
            reply(Reply.TOO_MANY_ERRORS);
            close();
        } else if (!verdict.delay().isZero()) {
            replyAfter(verdict.delay(), reply, false);
        } else {
            reply(reply);
        }
    }

    /**
     * Sends {@code reply} after {@code delay} without holding a thread; lines the client pipelines
     * meanwhile wait their turn.
     */
    public void replyAfter(Duration delay, Reply reply, boolean closeAfter) {
        delayed = true;
        channel.suspendInput();
        channel.schedule(delay, () -> resume(reply, closeAfter));
    }

    private void resume(Reply reply, boolean closeAfter) {
        if (closed) {
            return;
        }
        reply(reply);
        delayed = false;
        if (closeAfter) {
            close();
            return;
        }
        channel.resumeInput();
        while (!delayed && !closed && !held.isEmpty()) {
            process(held.poll());
        }
    }

    public void close() {
        if (!closed) {
            closed = true;
            channel.close();
        }
    }

    // ---- login ----

    /** Whether a password may be sent now (RFC 2595 §2; DESIGN.md: no password travels in clear text). */
    public boolean passwordsAllowed() {
        return channel.isSecure() || policy.allowPlaintextAuth();
    }

    public Authenticator authenticator() {
        return authenticator;
    }

    /** Ends a login attempt, by USER/PASS or AUTH, with the authenticator's answer. */
    public void finishLogin(LoginResult result) {
        pendingUser = null;
        state = Pop3State.AUTHORIZATION;
        if (result instanceof LoginResult.Success s) {
            openMaildrop(s.user());
        } else if (result instanceof LoginResult.Failure f) {
            log.loginFailed();
            ErrorBudget.Verdict verdict = budget.charge();
            replyAfter(f.replyDelay(), verdict.close() ? Reply.TOO_MANY_ERRORS : Reply.LOGIN_FAILED, verdict.close());
        } else {
            log.loginFailed();
            fail(Reply.LOGIN_BANNED);
        }
    }

    private void openMaildrop(AuthenticatedUser user) {
        log.user(user.address().toString());
        try {
            maildrop = new MarkedMaildrop(maildrops.open(user.accountId()));
        } catch (StoreException e) {
            storeFailure(e);
            return;
        }
        state = Pop3State.TRANSACTION;
        reply(Reply.ok("Logged in; " + maildrop.count() + " messages (" + maildrop.octets() + " octets)"));
    }

    /** The client's address, for the authenticator's throttling. */
    public java.net.InetAddress clientAddress() {
        return channel.clientAddress();
    }

    // ---- state, for the commands ----

    public Pop3State state() {
        return state;
    }

    public void userGiven(String name) {
        pendingUser = name;
        state = Pop3State.USER_GIVEN;
    }

    public String pendingUser() {
        return pendingUser;
    }

    public void expectContinuation(Continuation next) {
        continuation = next;
    }

    public Pop3Channel channel() {
        return channel;
    }

    public SessionPolicy policy() {
        return policy;
    }

    public CommandTable commands() {
        return commands;
    }

    public boolean utf8() {
        return utf8;
    }

    public void enableUtf8() {
        utf8 = true;
    }

    /** True when the line being executed was followed by more input already sent (pipelining). */
    public boolean inputFollows() {
        return currentLine != null && currentLine.moreInputFollows() || !held.isEmpty() || channel.hasPendingInput();
    }

    /** STLS succeeded: everything learned before TLS is forgotten (RFC 2595 §4, STYLE.md §14). */
    public void tlsStarted() {
        pendingUser = null;
        state = Pop3State.AUTHORIZATION;
        utf8 = false;
        log.secure(true);
    }

    public void logOutcome(String outcome) {
        log.outcome(outcome);
    }

    // ---- the maildrop, for the TRANSACTION commands ----

    /** The locked maildrop; only in the TRANSACTION state. */
    public MarkedMaildrop maildrop() {
        return maildrop;
    }

    /**
     * The message numbered {@code number} (RFC 1939 §5: from 1), unless it does not exist or is marked
     * deleted: then the error has been replied and the result is empty.
     */
    public Optional<MaildropMessage> liveMessage(int number) {
        if (!maildrop.exists(number)) {
            fail(Reply.NO_SUCH_MESSAGE);
            return Optional.empty();
        }
        if (maildrop.isDeleted(number)) {
            fail(Reply.ALREADY_DELETED);
            return Optional.empty();
        }
        return Optional.of(maildrop.get(number));
    }

    public void markDeleted(int number) {
        maildrop.mark(number);
        log.deleted();
    }

    /** RSET (RFC 1939 §5): unmarks every message. */
    public void unmarkAll() {
        maildrop.unmarkAll();
        log.undeleted();
    }

    /** The UPDATE state (RFC 1939 §6): removes the marked messages in one transaction, releasing the lock. */
    public int commitDeletions() {
        MarkedMaildrop m = maildrop;
        maildrop = null;
        int n = m.commit();
        log.committed(n);
        return n;
    }

    private void releaseMaildrop() {
        if (maildrop != null) {
            maildrop.release();
            maildrop = null;
        }
    }

    // ---- the one mapping of store errors and internal errors (STYLE.md §10-11) ----

    private void storeFailure(StoreException e) {
        switch (e.error()) {
            case IN_USE -> {
                log.outcome("maildrop in use");
                fail(Reply.IN_USE);
            }
            case EXPUNGED -> fail(Reply.err("That message was removed by another session"));
            case TEMPORARILY_UNAVAILABLE -> {
                LOG.warn("session {}: store unavailable: {}", id, e.toString());
                reply(Reply.err(RespCode.SYS_TEMP, "Mail store temporarily unavailable; try again later"));
            }
            default -> {
                LOG.warn("session {}: store refused: {}", id, e.toString());
                reply(Reply.err(RespCode.SYS_PERM, "The maildrop cannot be opened"));
            }
        }
    }

    private void internalError(RuntimeException e) {
        String reference = id + "-" + (++internalErrors);
        LOG.error("session {}: internal error, reference {}", id, reference, e);
        reply(Reply.err(RespCode.SYS_TEMP, "Internal error, reference " + reference));
        log.outcome("internal error");
        close();
    }

    public String id() {
        return id;
    }
}
