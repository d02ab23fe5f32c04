package org.mailroom.imap.session;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.mailroom.auth.AuthenticatedUser;
import org.mailroom.imap.ImapConfig;
import org.mailroom.imap.ImapServices;
import org.mailroom.imap.command.CommandTable;
import org.mailroom.imap.command.ImapCommand;
import org.mailroom.imap.protocol.CommandReader;
import org.mailroom.imap.protocol.Frame;
import org.mailroom.imap.protocol.FramerLimits;
import org.mailroom.imap.protocol.Frames;
import org.mailroom.imap.protocol.ResponseWriter;
import org.mailroom.imap.protocol.SyntaxError;
import org.mailroom.imap.search.UpdateContexts;
import org.mailroom.session.ErrorBudget;
import org.mailroom.session.ForeignProtocol;
import org.mailroom.store.EventBus;
import org.mailroom.store.Flags;
import org.mailroom.store.MailboxEvent;
import org.mailroom.store.MessageSummary;
import org.mailroom.store.StoreException;
import org.mailroom.store.UidRange;
import org.mailroom.store.UidSet;
import org.mailroom.store.UserMailboxes;
import org.mailroom.text.ClientText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One IMAP connection's state and its one dispatcher (STYLE.md §5, §10): it checks each command's
 * declared states, parses, executes, tells the selected mailbox's changes where allowed, and maps the
 * three kinds of failure to BAD, NO and {@code [SERVERBUG]}. Runs on one thread at a time (the
 * connection's {@link SerialExecutor}); only {@link #onEvent} is called from other threads.
 */
public final class ImapSession {

    private static final Logger LOG = LoggerFactory.getLogger(ImapSession.class);

    private final ImapConfig config;
    private final ImapServices services;
    private final Transport transport;
    private final ResponseWriter out;
    private final CommandTable commands;
    private final RecentRegistry recentRegistry;
    private final String id;
    private final ErrorBudget budget;
    private final long openedAt = System.nanoTime();

    private SessionState state = SessionState.NOT_AUTHENTICATED;
    private AuthenticatedUser user;
    private UserMailboxes mailboxes;
    private EventBus.Subscription subscription;
    private volatile SelectedMailbox selected;
    private Dialect dialect = Dialect.REV1;
    private final SyncState sync = new SyncState();
    private ContinuationHandler continuation;
    private String continuationTag;
    private volatile boolean idling;
    private volatile Notifications notifications;
    private boolean startTlsAfterReply;
    private boolean compressAfterReply;
    private boolean compressed;
    private boolean startTlsPending;
    private int commandCount;
    private String endReason = "client";
    private String currentTag = "*";
    private final UpdateContexts updateContexts = new UpdateContexts();

    public ImapSession(ImapConfig config, ImapServices services, Transport transport, ResponseWriter out,
                       CommandTable commands, RecentRegistry recentRegistry) {
        this.config = config;
        this.services = services;
        this.transport = transport;
        this.out = out;
        this.commands = commands;
        this.recentRegistry = recentRegistry;
        this.id = UUID.randomUUID().toString().substring(0, 8);
        this.budget = new ErrorBudget(config.errorSoftLimit(), config.errorHardLimit());
    }

    // ---- life cycle

    /** The greeting (RFC 9051 §7.1.1), naming no software. */
    public void start() {
        out.untagged("OK [CAPABILITY " + capabilities() + "] Server ready");
        out.flush();
    }

    public void onFrame(Frame frame) {
        if (state == SessionState.LOGOUT) {
            if (frame instanceof Frame.Command c) {
                Frames.release(c.parts());
            }
            return;
        }
        if (frame instanceof Frame.ContinuationWanted) {
            out.continuation("Ready for literal data");
            out.flush();
        } else if (frame instanceof Frame.Refused r) {
            String text = r.reason() == Frame.Reason.LINE_TOO_LONG || r.reason() == Frame.Reason.COMMAND_TOO_BIG
                    ? "BAD [TOOBIG] Command line too long" : "NO [TOOBIG] Literal too large";
            ErrorBudget.Verdict v = budget.charge();
            out.tagged(r.tag(), text);
            if (v.close()) {
                bye("Too many errors", "error budget spent");
            } else {
                out.flush();
            }
        } else if (frame instanceof Frame.Fatal f) {
            out.tagged(f.tag(), "BAD [TOOBIG] Literal too large");
            bye("Too much data", "literal too large");
        } else if (frame instanceof Frame.Command c) {
            try {
                command(c);
            } catch (RuntimeException e) {
                // Outside any command's own handling (telling updates, writing): the session cannot go on.
                String ref = UUID.randomUUID().toString().substring(0, 8);
                LOG.error("imap session={} internal error reference={}", id, ref, e);
                bye("Internal error, reference " + ref, "internal error");
            } finally {
                Frames.release(c.parts());
                if (Frames.changesLayer(c) && !startTlsPending && state != SessionState.LOGOUT) {
                    // Reading stopped at this STARTTLS or COMPRESS; it was refused, so reading goes on.
                    // Only that command itself may resume: an earlier command finishing late must not.
                    transport.resumeInput();
                }
            }
        }
    }

    public void onIdleTimeout() {
        if (state != SessionState.LOGOUT) {
            bye("Autologout; idle for too long", "idle timeout");
        }
    }

    /** The connection is gone: forget events, and write the one log line of this connection. */
    public void onClosed() {
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
        state = SessionState.LOGOUT;
        long ms = (System.nanoTime() - openedAt) / 1_000_000;
        LOG.info("imap session={} client={} user={} commands={} errors={} secure={} ms={} end={}", id,
                transport.client().getHostAddress(), user == null ? "-" : user.address(), commandCount,
                budget.errors(), transport.isSecure(), ms, endReason);
    }

    /** A committed store change of this account; runs on the publisher's thread, so it only queues. */
    public void onEvent(MailboxEvent event) {
        SelectedMailbox s = selected;
        if (s != null && concerns(event, s.id())) {
            s.enqueue(event);
            updateContexts.enqueue(event);
            if (idling) {
                transport.execute(this::tellWhileIdle);
            }
        }
        Notifications n = notifications;
        if (n != null && n.onEvent(event, s == null ? -1 : s.id())) {
            transport.execute(this::tellNotifications); // NOTIFY (RFC 5465): after the selected queue has it
        }
    }

    private static boolean concerns(MailboxEvent e, long mailboxId) {
        if (e instanceof MailboxEvent.MessagesAdded a) {
            return a.mailboxId() == mailboxId;
        }
        if (e instanceof MailboxEvent.FlagsChanged f) {
            return f.mailboxId() == mailboxId;
        }
        if (e instanceof MailboxEvent.MessagesExpunged x) {
            return x.mailboxId() == mailboxId;
        }
        return false;
    }

    private void tellWhileIdle() {
        if (idling && selected != null && state == SessionState.SELECTED) {
            try {
                tellUpdates(true);
                out.flush();
            } catch (RuntimeException e) {
                String ref = UUID.randomUUID().toString().substring(0, 8);
                LOG.error("imap session={} internal error reference={}", id, ref, e);
                bye("Internal error, reference " + ref, "internal error");
            }
        }
    }

    /** NOTIFY (RFC 5465): tells between commands, never inside a command's continuation other than IDLE. */
    private void tellNotifications() {
        Notifications n = notifications;
        boolean between = continuation == null || idling;
        if (n != null && between && (state == SessionState.AUTHENTICATED || state == SessionState.SELECTED)) {
            try {
                n.tell(this);
                out.flush();
            } catch (RuntimeException e) {
                String ref = UUID.randomUUID().toString().substring(0, 8);
                LOG.error("imap session={} internal error reference={}", id, ref, e);
                bye("Internal error, reference " + ref, "internal error");
            }
        }
    }

    // ---- the dispatcher

    private void command(Frame.Command frame) {
        commandCount++;
        if (continuation != null) {
            continuationLine(frame);
            return;
        }
        if (state == SessionState.NOT_AUTHENTICATED && ForeignProtocol.isHttp(
                new String(((Frame.Text) frame.parts().get(0)).bytes(), StandardCharsets.ISO_8859_1))) {
            bye("This is an IMAP server", "foreign protocol");
            return;
        }
        CommandReader r = new CommandReader(frame.parts());
        String tag;
        try {
            tag = r.tag();
        } catch (SyntaxError e) {
            finishUntagged("BAD Missing or invalid tag");
            return;
        }
        currentTag = tag;
        ImapCommand<?> cmd;
        try {
            r.sp();
            String name = r.keyword();
            if (name.equals("UID")) {
                r.sp();
                name = "UID " + r.keyword();
            }
            cmd = commands.get(name);
            if (cmd == null) {
                finish(tag, Completion.bad("Unknown command " + ClientText.sanitize(name)), true);
                return;
            }
        } catch (SyntaxError e) {
            finish(tag, Completion.bad("Missing or invalid command name"), true);
            return;
        }
        if (!cmd.states().contains(state)) {
            finish(tag, Completion.bad(cmd.name() + " not allowed " + whyNot(cmd)), true);
            return;
        }
        if (cmd.endsPipeline() && frame.pipelinedInput()) {
            // STYLE.md §14: commands injected behind STARTTLS would run as if protected by TLS.
            out.tagged(tag, "BAD Commands sent after " + cmd.name() + " before its reply");
            bye("Protocol violation", "input pipelined after " + cmd.name());
            return;
        }
        finish(tag, run(cmd, r), cmd.mayExpunge());
    }

    private String whyNot(ImapCommand<?> cmd) {
        if (state == SessionState.NOT_AUTHENTICATED) {
            return "before login";
        }
        if (cmd.states().equals(SessionState.BEFORE_LOGIN)) {
            return "after login";
        }
        return "without a selected mailbox";
    }

    private <R> Completion run(ImapCommand<R> cmd, CommandReader r) {
        return guarded(() -> {
            if (!r.atEnd()) {
                r.sp();
            }
            R request = cmd.parse(r, dialect);
            r.end();
            return cmd.execute(request, this);
        });
    }

    private Completion guarded(java.util.function.Supplier<Completion> body) {
        try {
            return body.get();
        } catch (SyntaxError e) {
            return Completion.bad(e.getMessage());
        } catch (CommandFailed e) {
            return Completion.no(e.text());
        } catch (StoreException e) {
            return StoreErrors.toReply(e);
        } catch (RuntimeException e) {
            String ref = UUID.randomUUID().toString().substring(0, 8);
            LOG.error("imap session={} internal error reference={}", id, ref, e);
            return Completion.no("[SERVERBUG] Internal error, reference " + ref);
        }
    }

    private void continuationLine(Frame.Command frame) {
        String tag = continuationTag;
        Completion c;
        if (frame.parts().size() != 1) {
            c = Completion.bad("Unexpected literal");
        } else {
            String line = new String(((Frame.Text) frame.parts().get(0)).bytes(), StandardCharsets.UTF_8);
            ContinuationHandler h = continuation;
            c = guarded(() -> h.line(line));
        }
        if (c.continues()) {
            out.flush();
            return;
        }
        continuation = null;
        continuationTag = null;
        idling = false;
        finish(tag, c, true);
    }

    /** Ends a command: tells mailbox changes, then the tagged reply, after the reply's delay if any. */
    private void finish(String tag, Completion c, boolean mayExpunge) {
        if (c.continues()) {
            continuationTag = tag;
            out.flush();
            return;
        }
        if (state == SessionState.SELECTED && selected != null) {
            tellUpdates(mayExpunge);
        }
        ErrorBudget.Verdict verdict = charge(c);
        Duration delay = c.delay().compareTo(verdict.delay()) > 0 ? c.delay() : verdict.delay();
        Runnable reply = () -> {
            out.tagged(tag, c.status() + " " + c.text());
            if (verdict.close()) {
                bye("Too many errors", "error budget spent");
                return;
            }
            out.flush();
            if (state == SessionState.LOGOUT) {
                out.close();
            } else if (startTlsAfterReply) {
                startTlsAfterReply = false;
                transport.startTls();
            } else if (compressAfterReply) {
                compressAfterReply = false;
                compressed = true;
                transport.startCompression();
            }
            startTlsPending = false;
        };
        if (delay.isZero()) {
            reply.run();
        } else {
            out.flush();
            transport.delay(delay, reply);
        }
    }

    private void finishUntagged(String text) {
        ErrorBudget.Verdict v = budget.charge();
        out.untagged(text);
        if (v.close()) {
            bye("Too many errors", "error budget spent");
        } else {
            out.flush();
        }
    }

    private ErrorBudget.Verdict charge(Completion c) {
        if ("BAD".equals(c.status())) {
            return budget.charge();
        }
        return new ErrorBudget.Verdict(false, Duration.ZERO);
    }

    /** Ends the connection with an untagged BYE (RFC 9051 §7.1.5). */
    public void bye(String text, String reason) {
        endReason = reason;
        out.untagged("BYE " + text);
        state = SessionState.LOGOUT;
        out.close();
    }

    // ---- what commands use

    /** Sends what changed in the selected mailbox (RFC 9051 §7.4.1), EXPUNGE only if allowed. */
    public void tellUpdates(boolean mayExpunge) {
        SelectedMailbox s = selected;
        if (s == null || !s.hasPending()) {
            return;
        }
        s.tell(out, mayExpunge, dialect.rev2(), new SelectedMailbox.Arrivals() {
            @Override
            public List<MessageSummary> after(long uid) {
                return mailboxes.messages(s.id(), UidSet.of(new UidRange(uid + 1, Long.MAX_VALUE)));
            }

            @Override
            public List<Long> claimRecent(List<Long> uids) {
                return recentRegistry.claim(s.id(), uids);
            }
        });
        updateContexts.tell(mailboxes, s, out);
    }

    /** Searches and sorts kept up to date for the client (RFC 5267 §4.3). */
    public UpdateContexts updateContexts() {
        return updateContexts;
    }

    /** The tag of the command running (ESEARCH echoes it, RFC 4731 §3.1). */
    public String currentTag() {
        return currentTag;
    }

    public ResponseWriter out() {
        return out;
    }

    public ImapConfig config() {
        return config;
    }

    public ImapServices services() {
        return services;
    }

    public Transport transport() {
        return transport;
    }

    public SessionState state() {
        return state;
    }

    public Dialect dialect() {
        return dialect;
    }

    public String id() {
        return id;
    }

    public UserMailboxes mailboxes() {
        return mailboxes;
    }

    public AuthenticatedUser user() {
        return user;
    }

    public RecentRegistry recentRegistry() {
        return recentRegistry;
    }

    public String capabilities() {
        return Capabilities.of(state != SessionState.NOT_AUTHENTICATED, transport.isSecure(),
                services.tls().isPresent(), config.allowPlaintextAuth(), services.authenticator().mechanisms(),
                config.appendLimit(), config.unauthenticate());
    }

    /** Whether a password may be sent now (RFC 9051 §6.2.3, LOGINDISABLED). */
    public boolean mayAuthenticate() {
        return transport.isSecure() || config.allowPlaintextAuth();
    }

    public boolean mayStartTls() {
        return !transport.isSecure() && services.tls().isPresent();
    }

    public void startTlsAfterReply() {
        startTlsAfterReply = true;
        startTlsPending = true;
    }

    /** COMPRESS succeeded: DEFLATE starts right after its tagged OK (RFC 4978 §3). */
    public void compressAfterReply() {
        compressAfterReply = true;
        startTlsPending = true;
    }

    /** Whether COMPRESS is already on (a second one gets [COMPRESSIONACTIVE], RFC 4978 §3). */
    public boolean compressed() {
        return compressed || compressAfterReply;
    }

    /** After a successful login: the user's mailboxes, their events, wider limits, the long autologout. */
    public void loggedIn(AuthenticatedUser who) {
        user = who;
        mailboxes = services.mailboxes().of(who.accountId());
        subscription = services.events().subscribe(who.accountId(), this::onEvent);
        state = SessionState.AUTHENTICATED;
        transport.limits(FramerLimits.afterLogin(config.appendLimit()));
        transport.idleTimeout(config.idleTimeout());
    }

    /** CONDSTORE and QRESYNC as enabled on this connection (RFC 7162). */
    public SyncState sync() {
        return sync;
    }

    /**
     * UNAUTHENTICATE (RFC 8437 §3): back to not authenticated state with everything reset but TLS. The
     * selected mailbox is let go without expunges, the account's events are no longer heard, what ENABLE
     * turned on is off again (§4.1), and the limits and autologout are those before login. There is no
     * SASL security layer to end: no mechanism offered here negotiates one. State that later extensions
     * keep in the session must be reset here too (§4.1: all but STARTTLS and ID).
     */
    public void unauthenticate() {
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
        selected = null;
        notifications = null;
        mailboxes = null;
        user = null;
        dialect = Dialect.REV1;
        sync.reset();
        state = SessionState.NOT_AUTHENTICATED;
        transport.limits(FramerLimits.BEFORE_LOGIN);
        transport.idleTimeout(config.loginTimeout());
    }

    public void enableRev2() {
        dialect = new Dialect(true, dialect.utf8());
    }

    /** ENABLE UTF8=ACCEPT (RFC 6855 §3): UTF-8 mailbox names and quoted strings from now on. */
    public void enableUtf8() {
        dialect = new Dialect(dialect.rev2(), true);
    }

    public SelectedMailbox selected() {
        return selected;
    }

    public SelectedMailbox requireSelected() {
        SelectedMailbox s = selected;
        if (s == null) {
            throw new IllegalStateException("no mailbox selected");
        }
        return s;
    }

    public void select(SelectedMailbox mailbox) {
        updateContexts.clear();
        mailbox.observeExpunges((uid, seq) -> updateContexts.expunging(uid, seq, out));
        selected = mailbox;
        state = SessionState.SELECTED;
    }

    public void unselect() {
        updateContexts.clear();
        selected = null;
        if (state == SessionState.SELECTED) {
            state = SessionState.AUTHENTICATED;
        }
    }

    public void logout() {
        endReason = "logout";
        state = SessionState.LOGOUT;
    }

    /** The command reads further lines; its tagged reply comes when {@code handler} says so. */
    public Completion continueWith(ContinuationHandler handler) {
        continuation = handler;
        return Completion.CONTINUES;
    }

    /** NOTIFY SET replaces what the session tells unasked; NOTIFY NONE (null) ends it (RFC 5465 §3). */
    public void notifications(Notifications n) {
        notifications = n;
    }

    public Notifications notifications() {
        return notifications;
    }

    public void idling(boolean on) {
        idling = on;
    }

    /** Flags of messages as read from the store (FETCH, STORE) become the session's view. */
    public void remember(List<MessageSummary> messages) {
        SelectedMailbox s = selected;
        if (s != null) {
            messages.forEach(s::remember);
        }
    }
}
