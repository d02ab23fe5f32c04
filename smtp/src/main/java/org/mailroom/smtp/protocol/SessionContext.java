package org.mailroom.smtp.protocol;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import org.mailroom.auth.AuthenticatedUser;
import org.mailroom.session.ErrorBudget;
import org.mailroom.smtp.ListenerKind;
import org.mailroom.smtp.SmtpConfig;
import org.mailroom.smtp.SmtpServices;

/**
 * The state of one SMTP session that commands read and change. Plain Java, one per connection,
 * used by one thread at a time (the dispatcher serialises every call).
 */
public final class SessionContext {

    private final ListenerKind kind;
    private final SmtpConfig config;
    private final SmtpServices services;
    private final UnknownRecipientGuard unknownGuard;
    private final String sessionId;
    private final InetAddress client;
    private final Connection connection;
    private final ErrorBudget errors;
    private SessionState state = SessionState.CONNECTED;
    private String helo = "";
    private boolean extended;
    private TlsInfo tls;
    private AuthenticatedUser user;
    private Transaction transaction;
    private int messagesAccepted;
    private int messageSequence;

    public SessionContext(ListenerKind kind, SmtpConfig config, SmtpServices services,
                          UnknownRecipientGuard unknownGuard, String sessionId, Connection connection) {
        this.kind = kind;
        this.config = config;
        this.services = services;
        this.unknownGuard = unknownGuard;
        this.sessionId = sessionId;
        this.connection = connection;
        this.client = connection.remote().getAddress();
        this.errors = new ErrorBudget(config.errorSoftLimit(), config.errorHardLimit());
    }

    public ListenerKind kind() {
        return kind;
    }

    public SmtpConfig config() {
        return config;
    }

    public SmtpServices services() {
        return services;
    }

    public UnknownRecipientGuard unknownGuard() {
        return unknownGuard;
    }

    public String sessionId() {
        return sessionId;
    }

    public InetAddress client() {
        return client;
    }

    public String hostname() {
        return config.hostname();
    }

    ErrorBudget errors() {
        return errors;
    }

    public SessionState state() {
        return state;
    }

    public void setState(SessionState state) {
        this.state = state;
    }

    /** The HELO/EHLO argument, sanitised; empty before the greeting. */
    public String helo() {
        return helo;
    }

    public boolean extended() {
        return extended;
    }

    /** Records a HELO or EHLO; it ends any transaction (RFC 5321 §4.1.4). */
    public void greeted(String name, boolean ehlo) {
        resetTransaction();
        helo = name;
        extended = ehlo;
        state = SessionState.READY;
    }

    public Optional<TlsInfo> tls() {
        return Optional.ofNullable(tls);
    }

    public boolean isTls() {
        return tls != null;
    }

    /**
     * TLS is up: everything learned before it is forgotten (RFC 3207 §4.2), the greeting included,
     * so that nothing an attacker injected in clear text survives.
     */
    void tlsEstablished(TlsInfo info) {
        resetTransaction();
        tls = info;
        helo = "";
        extended = false;
        user = null;
        state = SessionState.CONNECTED;
    }

    /** Whether AUTH may be used on this connection now: after TLS, or before it only when configured. */
    public boolean mayAuthenticate() {
        return isTls() || config.allowPlaintextAuth();
    }

    public Optional<AuthenticatedUser> user() {
        return Optional.ofNullable(user);
    }

    public void authenticated(AuthenticatedUser u) {
        user = u;
    }

    public Optional<Transaction> transaction() {
        return Optional.ofNullable(transaction);
    }

    public void beginTransaction(Transaction t) {
        resetTransaction();
        transaction = t;
        state = SessionState.MAIL;
    }

    /** Ends the transaction, discarding anything received for it (RSET, EHLO, end of message). */
    public void resetTransaction() {
        if (transaction != null) {
            transaction.discard();
            transaction = null;
        }
        if (state != SessionState.CONNECTED) {
            state = SessionState.READY;
        }
    }

    public void messageAccepted() {
        messagesAccepted++;
    }

    public int messagesAccepted() {
        return messagesAccepted;
    }

    /** A queue id for a message, unique in this server's log: the session id and a counter. */
    public String nextMessageId() {
        return sessionId + "-" + (++messageSequence);
    }

    public void setReadTimeout(Duration d) {
        connection.setReadTimeout(d);
    }
}
