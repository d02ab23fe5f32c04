package org.mailroom.smtp.command;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.mailroom.delivery.DeliveryPort;
import org.mailroom.delivery.Envelope;
import org.mailroom.delivery.RecipientCheck;
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
import org.mailroom.smtp.protocol.UnknownRecipientGuard;
import org.mailroom.smtp.protocol.Xtext;
import org.mailroom.store.EmailAddress;
import org.mailroom.store.QueuedRecipient.DsnNotify;

/**
 * {@code RCPT TO:<forward-path> [SP rcpt-parameters]} (RFC 5321 §4.1.1.3), with NOTIFY and ORCPT
 * (RFC 3461 §4.1, §4.2). Applies the relay policy and the recipient limit, and makes guessing
 * addresses expensive.
 */
final class RcptCommand implements SmtpCommand<RcptCommand.Request> {

    record Request(Optional<EmailAddress> address, String raw, Set<DsnNotify> notifyOn, Optional<String> orcpt) {
    }

    static final Reply RELAY_DENIED = Reply.of(554, "5.7.1", "Relay access denied");
    static final Reply UNKNOWN_USER = Reply.of(550, "5.1.1", "Recipient address rejected: no such user");

    @Override
    public String verb() {
        return "RCPT";
    }

    @Override
    public Set<SessionState> validIn() {
        return States.HAS_SENDER;
    }

    @Override
    public Set<CommandFlag> flags() {
        return Set.of(CommandFlag.TRANSACTION);
    }

    @Override
    public Reply outOfSequence(SessionState state) {
        return state == SessionState.CHUNKING ? Reply.BAD_SEQUENCE : Reply.of(503, "5.5.1", "Need MAIL before RCPT");
    }

    @Override
    public Request parse(String arguments) throws SyntaxException {
        SmtpPaths.Parsed p = SmtpPaths.parse(arguments, "TO", "RCPT TO:<address> [parameters]", true);
        if (p.address().isEmpty() && !p.rawAddress().equalsIgnoreCase("postmaster")) {
            throw SyntaxException.of(501, "5.1.3", "A recipient address is required");
        }
        EsmtpParameters params = p.parameters();
        Set<DsnNotify> notify = EnumSet.noneOf(DsnNotify.class);
        Optional<String> orcpt = Optional.empty();
        for (String key : params.keys()) {
            String v = params.value(key).orElse("");
            switch (key) {
                case "NOTIFY" -> notify = notify(v);
                case "ORCPT" -> {
                    // RFC 3461 §4.2: addr-type ";" xtext, at most 500 characters.
                    int semi = v.indexOf(';');
                    if (semi <= 0 || v.length() > 500 || !v.substring(0, semi).matches("[A-Za-z0-9][A-Za-z0-9-]*")
                            || !Xtext.isValid(v.substring(semi + 1))) {
                        throw SyntaxException.of(501, "5.5.4", "Syntax: ORCPT=addr-type;xtext");
                    }
                    orcpt = Optional.of(v);
                }
                default -> throw new SyntaxException(Reply.NOT_IMPLEMENTED_PARAM);
            }
        }
        return new Request(p.address(), p.rawAddress(), notify, orcpt);
    }

    private static Set<DsnNotify> notify(String v) throws SyntaxException {
        Set<DsnNotify> out = EnumSet.noneOf(DsnNotify.class);
        for (String item : v.toUpperCase(Locale.ROOT).split(",", -1)) {
            switch (item) {
                case "NEVER" -> out.add(DsnNotify.NEVER);
                case "SUCCESS" -> out.add(DsnNotify.SUCCESS);
                case "FAILURE" -> out.add(DsnNotify.FAILURE);
                case "DELAY" -> out.add(DsnNotify.DELAY);
                default -> throw SyntaxException.of(501, "5.5.4", "NOTIFY must be NEVER or SUCCESS,FAILURE,DELAY");
            }
        }
        if (out.contains(DsnNotify.NEVER) && out.size() > 1) {
            throw SyntaxException.of(501, "5.5.4", "NOTIFY=NEVER cannot be combined");
        }
        return out;
    }

    @Override
    public Result execute(Request r, SessionContext session) {
        Transaction tx = session.transaction().orElseThrow();
        if (!tx.smtpUtf8() && !SmtpPaths.isAscii(r.raw())) {
            return Result.reply(Reply.of(553, "5.6.7", "Non-ASCII address requires SMTPUTF8"));
        }
        if (tx.recipientCount() >= session.config().maxRecipients()) {
            // RFC 5321 §4.5.3.1.10: 452, and the client sends the rest in another transaction.
            return Result.reply(Reply.of(452, "4.5.3", "Too many recipients"));
        }
        // RFC 5321 §4.5.1: <postmaster> without a domain is ours.
        EmailAddress address = r.address().orElseGet(() -> new EmailAddress("postmaster", session.hostname()));
        DeliveryPort delivery = session.services().delivery();
        RecipientCheck check = delivery.check(address);
        if (r.address().isEmpty() && check == RecipientCheck.REMOTE) {
            // <postmaster> when the host name is not a local domain: nobody to take it, but no relaying either.
            check = RecipientCheck.UNKNOWN;
        }
        switch (check) {
            case LOCAL -> {
                return accept(r, address, tx, session);
            }
            case OVER_QUOTA -> {
                tx.recipientRefused();
                return Result.reply(Reply.of(452, "4.2.2", "Mailbox full, try again later"));
            }
            case UNKNOWN -> {
                tx.recipientRefused();
                return unknown(session);
            }
            case REMOTE -> {
                if (session.user().isPresent() || delivery.mayRelay(session.client())) {
                    return accept(r, address, tx, session);
                }
                tx.recipientRefused();
                return Result.reply(RELAY_DENIED);
            }
            default -> throw new IllegalStateException(check.name());
        }
    }

    private static Result accept(Request r, EmailAddress address, Transaction tx, SessionContext session) {
        tx.addRecipient(new Envelope.Recipient(address, r.notifyOn(), r.orcpt()));
        session.setState(SessionState.RCPT);
        return Result.reply(Reply.of(250, "2.1.5", "Recipient OK"));
    }

    /** The same answer for every unknown address, slower and slower, then the door (a dictionary attack). */
    private static Result unknown(SessionContext session) {
        UnknownRecipientGuard.Verdict v = session.unknownGuard().recordUnknown(session.client());
        if (v.disconnect()) {
            return new Result.Close(Reply.of(421, "4.7.0", session.hostname()
                    + " Too many unknown recipients, closing connection"));
        }
        if (!v.delay().isZero()) {
            return new Result.Delayed(UNKNOWN_USER, v.delay(), false);
        }
        return Result.reply(UNKNOWN_USER);
    }
}
