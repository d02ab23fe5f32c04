package org.mailroom.imap.command;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.mailroom.imap.protocol.CommandReader;
import org.mailroom.imap.protocol.SequenceSet;
import org.mailroom.imap.protocol.SyntaxError;
import org.mailroom.imap.session.Completion;
import org.mailroom.imap.session.Dialect;
import org.mailroom.imap.session.ImapSession;
import org.mailroom.imap.session.SessionState;
import org.mailroom.spool.Spool;
import org.mailroom.store.Flags;
import org.mailroom.store.MailboxName;
import org.mailroom.store.MessageContent;
import org.mailroom.store.StoreError;
import org.mailroom.store.StoreException;
import org.mailroom.store.UserMailboxes;

/**
 * APPEND (RFC 9051 §6.3.12, UIDPLUS RFC 4315 APPENDUID, BINARY RFC 3516 literal8) with MULTIAPPEND
 * (RFC 3502) and CATENATE (RFC 4469 §5):
 * {@code append = "APPEND" SP mailbox 1*append-message},
 * {@code append-message = [SP flag-list] [SP date-time] SP (literal / "CATENATE" SP "(" cat-part *(SP cat-part) ")")},
 * {@code cat-part = "TEXT" SP literal / "URL" SP astring}. Literals arrive spooled by the framer (each
 * bounded by APPENDLIMIT); a catenated message is assembled in a spool of its own. All messages are
 * stored in one transaction or none (RFC 3502 §6.3.11); APPENDUID names their UIDs in order.
 */
final class AppendCommand implements ImapCommand<AppendCommand.Request> {

    /** A piece of a catenated message (RFC 4469 §5). */
    sealed interface Part {
    }

    record Text(MessageContent content) implements Part {
    }

    record Url(String url) implements Part {
    }

    /** One message: a plain literal is one {@link Text} part, not catenated. */
    record Message(Flags flags, Instant date, List<Part> parts, boolean catenated) {
    }

    record Request(MailboxName mailbox, List<Message> messages) {
    }

    /** Messages in one APPEND; each literal is already bounded by APPENDLIMIT and the framer's literal count. */
    static final int MAX_MESSAGES = 1000;

    @Override
    public String name() {
        return "APPEND";
    }

    @Override
    public Set<SessionState> states() {
        return SessionState.LOGGED_IN;
    }

    @Override
    public Request parse(CommandReader args, Dialect dialect) {
        MailboxName mailbox = dialect.mailbox(args.astring());
        List<Message> messages = new ArrayList<>();
        do {
            args.sp();
            messages.add(message(args));
            if (messages.size() > MAX_MESSAGES) {
                throw new SyntaxError("too many messages in one APPEND");
            }
        } while (!args.atEnd());
        return new Request(mailbox, messages);
    }

    /** {@code append-message} after its leading space (RFC 4466 §2.1, RFC 4469 §5); REPLACE takes one too. */
    static Message message(CommandReader args) {
        Flags flags = Flags.NONE;
        if (args.peek() == '(') {
            flags = FlagArgument.list(args);
            args.sp();
        }
        Instant date = null;
        if (args.peek() == '"') {
            date = DateArgument.dateTime(args);
            args.sp();
        }
        if (args.startsWithIgnoreCase("CATENATE ")) {
            args.keyword();
            args.sp();
            return new Message(flags, date, args.list(() -> catPart(args), false), true);
        }
        return new Message(flags, date, List.of(new Text(AppendData.message(args))), false);
    }

    private static Part catPart(CommandReader args) {
        String kind = args.keyword();
        args.sp();
        return switch (kind) {
            case "TEXT" -> {
                if (!args.atLiteral()) {
                    throw new SyntaxError("TEXT takes a literal");
                }
                yield new Text(args.literal());
            }
            case "URL" -> new Url(args.astring());
            default -> throw new SyntaxError("expected TEXT or URL");
        };
    }

    @Override
    public Completion execute(Request r, ImapSession session) {
        List<Spool> assembled = new ArrayList<>();
        try {
            List<UserMailboxes.NewMessage> list = new ArrayList<>(r.messages().size());
            for (Message m : r.messages()) {
                UserMailboxes.NewMessage n = newMessage(session, m, assembled);
                if (n == null) {
                    // RFC 3502 §6.3.11: a zero-length message is an error, the way a client cancels.
                    return Completion.no("Empty message, APPEND cancelled");
                }
                list.add(n);
            }
            UserMailboxes.AppendedAll a;
            try {
                a = session.mailboxes().appendAll(r.mailbox(), list);
            } catch (StoreException e) {
                if (e.error() == StoreError.NOT_FOUND) {
                    return Completion.no("[TRYCREATE] No such mailbox");
                }
                throw e;
            }
            return Completion.ok("[APPENDUID " + a.uidValidity() + " " + SequenceSet.format(a.uids()) + "] APPEND completed");
        } finally {
            release(assembled);
        }
    }

    /**
     * The message to store: the literal, or the catenation assembled into a spool added to
     * {@code assembled} (the caller releases it); null for an empty message.
     */
    static UserMailboxes.NewMessage newMessage(ImapSession session, Message m, List<Spool> assembled) {
        MessageContent content;
        if (m.catenated()) {
            Spool spool = Catenation.assemble(session, m.parts());
            assembled.add(spool);
            content = spool;
        } else {
            content = ((Text) m.parts().get(0)).content();
        }
        if (content.size() == 0) {
            return null;
        }
        return new UserMailboxes.NewMessage(content, m.flags(), m.date() != null ? m.date() : Instant.now());
    }

    static void release(List<Spool> assembled) {
        for (Spool s : assembled) {
            try {
                s.close();
            } catch (IOException e) {
                // a leftover spool file goes with the spool directory's next cleanup
            }
        }
    }
}
