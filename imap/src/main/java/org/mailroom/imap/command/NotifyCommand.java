package org.mailroom.imap.command;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.mailroom.imap.fetch.FetchItem;
import org.mailroom.imap.fetch.FetchItems;
import org.mailroom.imap.protocol.CommandReader;
import org.mailroom.imap.protocol.SyntaxError;
import org.mailroom.imap.session.CommandFailed;
import org.mailroom.imap.session.Completion;
import org.mailroom.imap.session.Dialect;
import org.mailroom.imap.session.ImapSession;
import org.mailroom.imap.session.SessionState;
import org.mailroom.store.MailboxName;

/**
 * NOTIFY (RFC 5465 §3, grammar §8):
 * <pre>
 * notify = "NOTIFY" SP (notify-set / "NONE")
 * notify-set = "SET" [SP "STATUS"] SP event-group *(SP event-group)
 * event-group = "(" filter-mailboxes SP events ")"
 * filter-mailboxes = "selected" / "selected-delayed" / "inboxes" / "personal" / "subscribed"
 *                  / "subtree" SP one-or-more-mailbox / "mailboxes" SP one-or-more-mailbox
 * events = "(" event *(SP event) ")" / "NONE"
 * event = "MessageNew" [SP "(" fetch-att *(SP fetch-att) ")"] / "MessageExpunge" / "FlagChange"
 *       / "AnnotationChange" / "MailboxName" / "SubscriptionChange" / "MailboxMetadataChange" / ...
 * </pre>
 * Grammar and combination errors are BAD (§3.1: MessageNew and MessageExpunge only together,
 * FlagChange only with them, one selected filter and only message events in it (§6), fetch attributes only
 * for the selected mailbox); events this server does not tell are NO [BADEVENT (...)] naming those it
 * does. Fetch attributes that would set \Seen are refused: a notification must not change the mailbox.
 */
final class NotifyCommand implements ImapCommand<NotifySpec> {

    /** RFC 5465 §3.1: the tagged NO for an event this server cannot tell lists the ones it can. */
    static final String BADEVENT = "[BADEVENT (MessageNew MessageExpunge FlagChange MailboxName SubscriptionChange "
            + "MailboxMetadataChange ServerMetadataChange)]";

    @Override
    public String name() {
        return "NOTIFY";
    }

    @Override
    public Set<SessionState> states() {
        return SessionState.LOGGED_IN;
    }

    /** NOTIFY NONE is a spec without groups. */
    @Override
    public NotifySpec parse(CommandReader args, Dialect dialect) {
        String verb = args.keyword();
        if (verb.equals("NONE")) {
            return new NotifySpec(false, List.of());
        }
        if (!verb.equals("SET")) {
            throw new SyntaxError("expected NOTIFY SET or NOTIFY NONE");
        }
        args.sp();
        boolean status = false;
        if (args.startsWithIgnoreCase("STATUS")) {
            args.keyword();
            args.sp();
            status = true;
        }
        List<NotifySpec.Group> groups = new ArrayList<>();
        do {
            groups.add(group(args, dialect));
        } while (args.trySp());
        if (groups.stream().filter(NotifySpec.Group::selected).count() > 1) {
            throw new SyntaxError("only one SELECTED or SELECTED-DELAYED filter"); // §6
        }
        return new NotifySpec(status, List.copyOf(groups));
    }

    private static NotifySpec.Group group(CommandReader args, Dialect dialect) {
        args.expect('(');
        String word = args.keyword();
        NotifySpec.Filter filter = switch (word) {
            case "SELECTED" -> NotifySpec.Filter.SELECTED;
            case "SELECTED-DELAYED" -> NotifySpec.Filter.SELECTED_DELAYED;
            case "INBOXES" -> NotifySpec.Filter.INBOXES;
            case "PERSONAL" -> NotifySpec.Filter.PERSONAL;
            case "SUBSCRIBED" -> NotifySpec.Filter.SUBSCRIBED;
            case "SUBTREE" -> NotifySpec.Filter.SUBTREE;
            case "MAILBOXES" -> NotifySpec.Filter.MAILBOXES;
            default -> throw new SyntaxError("unknown mailbox filter");
        };
        List<MailboxName> mailboxes = List.of();
        if (filter == NotifySpec.Filter.SUBTREE || filter == NotifySpec.Filter.MAILBOXES) {
            args.sp();
            mailboxes = args.peek() == '('
                    ? args.list(() -> dialect.mailbox(args.astring()), false)
                    : List.of(dialect.mailbox(args.astring()));
        }
        args.sp();
        Set<NotifySpec.Event> events = EnumSet.noneOf(NotifySpec.Event.class);
        List<FetchItem> fetch = List.of();
        boolean unsupported = false;
        if (args.peek() == '(') {
            args.expect('(');
            do {
                String event = args.keyword();
                switch (event) {
                    case "MESSAGENEW" -> {
                        events.add(NotifySpec.Event.MESSAGE_NEW);
                        if (args.peek() == ' ' && args.startsWithIgnoreCase(" (")) {
                            args.sp();
                            fetch = FetchItems.read(args);
                        }
                    }
                    case "MESSAGEEXPUNGE" -> events.add(NotifySpec.Event.MESSAGE_EXPUNGE);
                    case "FLAGCHANGE" -> events.add(NotifySpec.Event.FLAG_CHANGE);
                    case "MAILBOXNAME" -> events.add(NotifySpec.Event.MAILBOX_NAME);
                    case "SUBSCRIPTIONCHANGE" -> events.add(NotifySpec.Event.SUBSCRIPTION_CHANGE);
                    case "MAILBOXMETADATACHANGE" -> events.add(NotifySpec.Event.MAILBOX_METADATA_CHANGE);
                    case "SERVERMETADATACHANGE" -> events.add(NotifySpec.Event.SERVER_METADATA_CHANGE);
                    // AnnotationChange: per-message annotations (RFC 5257) are not kept here.
                    default -> unsupported = true;
                }
            } while (args.trySp());
            args.expect(')');
        } else if (!args.keyword().equals("NONE")) {
            throw new SyntaxError("expected a list of events or NONE");
        }
        args.expect(')');
        boolean isNew = events.contains(NotifySpec.Event.MESSAGE_NEW);
        if (isNew != events.contains(NotifySpec.Event.MESSAGE_EXPUNGE)) {
            throw new SyntaxError("MessageNew and MessageExpunge go together");
        }
        if (events.contains(NotifySpec.Event.FLAG_CHANGE) && !isNew) {
            throw new SyntaxError("FlagChange needs MessageNew and MessageExpunge");
        }
        boolean selected = filter == NotifySpec.Filter.SELECTED || filter == NotifySpec.Filter.SELECTED_DELAYED;
        if (selected && events.stream().anyMatch(e -> e.ordinal() > NotifySpec.Event.FLAG_CHANGE.ordinal())) {
            throw new SyntaxError("only message events for the selected mailbox");
        }
        if (!fetch.isEmpty() && !selected) {
            throw new SyntaxError("fetch attributes only for the selected mailbox");
        }
        if (FetchItems.setsSeen(fetch)) {
            throw new SyntaxError("MessageNew cannot fetch what sets \\Seen; use BODY.PEEK");
        }
        if (unsupported) {
            throw new CommandFailed(BADEVENT + " Event not supported");
        }
        return new NotifySpec.Group(filter, mailboxes, Set.copyOf(events), fetch);
    }

    @Override
    public Completion execute(NotifySpec spec, ImapSession session) {
        if (spec.groups().isEmpty()) {
            session.notifications(null);
            return Completion.ok("NOTIFY completed");
        }
        Notifier notifier = new Notifier(spec, session);
        if (spec.status()) {
            notifier.statusOfAll(session);
        }
        session.notifications(notifier);
        return Completion.ok("NOTIFY completed");
    }
}
