package org.mailroom.smtp.command;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.mailroom.auth.AuthenticatedUser;
import org.mailroom.delivery.DeliveryPort;
import org.mailroom.smtp.protocol.CommandFlag;
import org.mailroom.smtp.protocol.EsmtpParameters;
import org.mailroom.smtp.protocol.Reply;
import org.mailroom.smtp.protocol.Result;
import org.mailroom.smtp.protocol.SessionContext;
import org.mailroom.smtp.protocol.SessionState;
import org.mailroom.smtp.protocol.SmtpCommand;
import org.mailroom.smtp.protocol.SmtpPaths;
import org.mailroom.smtp.protocol.SyntaxException;
import org.mailroom.smtp.protocol.Transaction;
import org.mailroom.smtp.protocol.Xtext;
import org.mailroom.store.EmailAddress;

/**
 * {@code MAIL FROM:<reverse-path> [SP mail-parameters]} (RFC 5321 §4.1.1.2), with the parameters
 * SIZE (RFC 1870), BODY (RFC 6152), SMTPUTF8 (RFC 6531), RET and ENVID (RFC 3461) and AUTH (RFC 4954 §5).
 */
final class MailCommand implements SmtpCommand<MailCommand.Request> {

    record Request(Optional<EmailAddress> sender, long declaredSize, boolean smtpUtf8, boolean returnHeadersOnly,
                   Optional<String> envelopeId) {
    }

    @Override
    public String verb() {
        return "MAIL";
    }

    @Override
    public Set<SessionState> validIn() {
        return States.GREETED;
    }

    @Override
    public Set<CommandFlag> flags() {
        return Set.of(CommandFlag.TRANSACTION);
    }

    @Override
    public Reply outOfSequence(SessionState state) {
        return state == SessionState.CONNECTED
                ? Reply.of(503, "5.5.1", "Send HELO or EHLO first")
                : Reply.of(503, "5.5.1", "Nested MAIL command");
    }

    @Override
    public Request parse(String arguments) throws SyntaxException {
        SmtpPaths.Parsed p = SmtpPaths.parse(arguments, "FROM", "MAIL FROM:<address> [parameters]", false);
        EsmtpParameters params = p.parameters();
        long size = -1;
        boolean utf8 = false;
        boolean hdrs = false;
        Optional<String> envid = Optional.empty();
        for (String key : params.keys()) {
            String v = params.value(key).orElse(null);
            switch (key) {
                case "SIZE" -> {
                    if (v == null || !v.matches("[0-9]{1,18}")) {
                        throw SyntaxException.of(501, "5.5.4", "Syntax: SIZE=octets");
                    }
                    size = Long.parseLong(v);
                }
                case "BODY" -> {
                    String b = v == null ? "" : v.toUpperCase(Locale.ROOT);
                    if (!b.equals("7BIT") && !b.equals("8BITMIME")) {
                        throw SyntaxException.of(555, "5.5.4", "BODY must be 7BIT or 8BITMIME");
                    }
                }
                case "SMTPUTF8" -> {
                    if (v != null) {
                        throw SyntaxException.of(501, "5.5.4", "SMTPUTF8 takes no value");
                    }
                    utf8 = true;
                }
                case "RET" -> {
                    String r = v == null ? "" : v.toUpperCase(Locale.ROOT);
                    if (!r.equals("FULL") && !r.equals("HDRS")) {
                        throw SyntaxException.of(501, "5.5.4", "RET must be FULL or HDRS");
                    }
                    hdrs = r.equals("HDRS");
                }
                case "ENVID" -> {
                    // RFC 3461 §4.4: xtext, at most 100 characters.
                    if (v == null || v.length() > 100 || !Xtext.isValid(v)) {
                        throw SyntaxException.of(501, "5.5.4", "ENVID must be xtext of at most 100 characters");
                    }
                    envid = Optional.of(v);
                }
                case "AUTH" -> {
                    // RFC 4954 §5: accepted and not trusted; the session's own login is what counts.
                    if (v == null || !Xtext.isValid(v) && !v.equals("<>")) {
                        throw SyntaxException.of(501, "5.5.4", "Syntax: AUTH=mailbox");
                    }
                }
                default -> throw new SyntaxException(Reply.NOT_IMPLEMENTED_PARAM);
            }
        }
        if (!utf8 && !SmtpPaths.isAscii(p.rawAddress())) {
            throw SyntaxException.of(553, "5.6.7", "Non-ASCII address requires SMTPUTF8");
        }
        return new Request(p.address(), size, utf8, hdrs, envid);
    }

    @Override
    public Result execute(Request r, SessionContext session) {
        if (r.declaredSize() > session.config().maxMessageSize()) {
            return Result.reply(Reply.of(552, "5.3.4", "Message size exceeds fixed maximum message size"));
        }
        // An authenticated session, on any listener, sends only as its own user (RFC 6409 §6.1 on submission;
        // on the MX the same rule, as Postfix's reject_sender_login_mismatch has it).
        Optional<Reply> refusal = session.user().isPresent() ? ownSender(r, session) : mxSender(r, session);
        if (refusal.isPresent()) {
            return Result.reply(refusal.get());
        }
        session.beginTransaction(new Transaction(r.sender(), r.smtpUtf8(), r.returnHeadersOnly(), r.envelopeId()));
        return Result.reply(Reply.of(250, "2.1.0", "Sender OK"));
    }

    /** RFC 6409 §6.1: the submission server checks that the sender is the authenticated user's to use. */
    private static Optional<Reply> ownSender(Request r, SessionContext session) {
        AuthenticatedUser user = session.user().orElseThrow();
        if (r.sender().isEmpty()) {
            return Optional.of(Reply.of(553, "5.7.1", "The null sender is not allowed on submission"));
        }
        if (!session.services().delivery().maySendAs(user.address(), r.sender().get())) {
            return Optional.of(Reply.of(553, "5.7.1", "Sender address not owned by the authenticated user"));
        }
        return Optional.empty();
    }

    /**
     * On the MX, a sender in one of our own domains must be one of our users: authenticated, or
     * sending from a network with a relay rule. Anyone else using it is forging it.
     */
    private static Optional<Reply> mxSender(Request r, SessionContext session) {
        DeliveryPort delivery = session.services().delivery();
        if (r.sender().isPresent() && session.user().isEmpty() && delivery.isLocalDomain(r.sender().get().domain())
                && !delivery.mayRelay(session.client())) {
            return Optional.of(Reply.of(550, "5.7.1", "Sender address in a local domain requires authentication"));
        }
        return Optional.empty();
    }
}
