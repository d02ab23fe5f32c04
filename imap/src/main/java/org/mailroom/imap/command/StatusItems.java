package org.mailroom.imap.command;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.mailroom.imap.protocol.CommandReader;
import org.mailroom.imap.protocol.SyntaxError;
import org.mailroom.imap.session.Dialect;
import org.mailroom.imap.session.ImapSession;
import org.mailroom.store.Flag;
import org.mailroom.store.MailboxInfo;
import org.mailroom.store.MessageSummary;
import org.mailroom.store.UidSet;

/**
 * status-att (RFC 9051 §6.3.11, STATUS=SIZE RFC 8438): MESSAGES UIDNEXT UIDVALIDITY UNSEEN DELETED
 * SIZE, DELETED-STORAGE (QUOTA, RFC 9208 §4.1.4), HIGHESTMODSEQ (RFC 7162 §3.1.7), MAILBOXID (RFC 8474
 * §4.3), and RECENT for IMAP4rev1 clients. Shared by STATUS and LIST's RETURN (STATUS) (RFC 5819).
 */
final class StatusItems {

    static final Set<String> KNOWN = Set.of("MESSAGES", "UIDNEXT", "UIDVALIDITY", "UNSEEN", "DELETED", "SIZE", "RECENT",
            "DELETED-STORAGE", "HIGHESTMODSEQ", "MAILBOXID");

    private StatusItems() {
    }

    static List<String> parse(CommandReader args) {
        return args.list(() -> {
            String item = args.keyword();
            if (!KNOWN.contains(item)) {
                throw new SyntaxError("unknown status item " + org.mailroom.text.ClientText.sanitize(item));
            }
            return item;
        }, false);
    }

    /** The untagged STATUS response for one mailbox. */
    static String response(ImapSession session, Dialect dialect, MailboxInfo info, List<String> items) {
        List<MessageSummary> messages = null;
        if (items.contains("DELETED") || items.contains("DELETED-STORAGE")) {
            messages = session.mailboxes().messages(info.id(), UidSet.ALL);
        }
        if (items.contains("HIGHESTMODSEQ")) {
            session.sync().enableCondstore(); // RFC 7162 §3.1: a CONDSTORE enabling command
        }
        StringBuilder sb = new StringBuilder("STATUS ").append(MailboxArgument.quoted(dialect, info.name())).append(" (");
        boolean first = true;
        for (String item : items) {
            if (!first) {
                sb.append(' ');
            }
            first = false;
            sb.append(item.toUpperCase(Locale.ROOT)).append(' ');
            sb.append(switch (item) {
                case "MESSAGES" -> info.messages();
                case "UIDNEXT" -> info.uidNext();
                case "UIDVALIDITY" -> info.uidValidity();
                case "UNSEEN" -> info.unseen();
                case "SIZE" -> info.size();
                case "DELETED" -> messages.stream().filter(m -> m.flags().has(Flag.DELETED)).count();
                // RFC 9208 §4.1.4: what an EXPUNGE would free, in octets (the sum of the RFC822.SIZE of the
                // \Deleted messages, which is exactly what the account's usage counts).
                case "DELETED-STORAGE" -> messages.stream().filter(m -> m.flags().has(Flag.DELETED))
                        .mapToLong(MessageSummary::size).sum();
                // RFC 8474 §4.3
                case "MAILBOXID" -> "(" + org.mailroom.imap.fetch.ObjectIds.mailboxId(info.id()) + ")";
                case "RECENT" -> session.recentRegistry().unclaimed(info.id(), session.mailboxes().uids(info.id()));
                case "HIGHESTMODSEQ" -> info.highestModSeq();
                default -> throw new IllegalArgumentException(item);
            });
        }
        return sb.append(')').toString();
    }
}
