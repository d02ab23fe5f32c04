package org.mailroom.imap.command;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.mailroom.imap.protocol.CommandReader;
import org.mailroom.imap.protocol.ResponseWriter;
import org.mailroom.imap.protocol.SyntaxError;
import org.mailroom.imap.session.Completion;
import org.mailroom.imap.session.Dialect;
import org.mailroom.imap.session.ImapSession;
import org.mailroom.imap.session.SessionState;
import org.mailroom.store.MailboxInfo;
import org.mailroom.store.MailboxName;

/**
 * LIST (RFC 9051 §6.3.9, LIST-EXTENDED RFC 5258, SPECIAL-USE RFC 6154, LIST-STATUS RFC 5819):
 * <pre>
 * list = "LIST" [SP list-select-opts] SP mailbox SP mbox-or-pat [SP list-return-opts]
 * list-select-opt = "SUBSCRIBED" / "REMOTE" / "RECURSIVEMATCH" / "SPECIAL-USE"
 * return-option = "SUBSCRIBED" / "CHILDREN" / "SPECIAL-USE" / "STATUS" SP "(" status-att ... ")"
 * </pre>
 * Every stored mailbox is selectable (the store creates ancestors as real mailboxes), so attributes
 * are \HasChildren or \HasNoChildren, the special use, \Subscribed when asked for, and
 * \NonExistent for subscriptions to names that do not exist.
 */
final class ListCommand implements ImapCommand<ListCommand.Request> {

    enum Select { SUBSCRIBED, REMOTE, RECURSIVEMATCH, SPECIAL_USE }

    enum Return { SUBSCRIBED, CHILDREN, SPECIAL_USE, STATUS }

    record Request(Set<Select> select, String reference, List<String> patterns, Set<Return> returns,
                   List<String> statusItems) {
    }

    @Override
    public String name() {
        return "LIST";
    }

    @Override
    public Set<SessionState> states() {
        return SessionState.LOGGED_IN;
    }

    @Override
    public Request parse(CommandReader args, Dialect dialect) {
        Set<Select> select = EnumSet.noneOf(Select.class);
        if (args.peek() == '(') {
            for (String opt : args.list(args::keyword, true)) {
                select.add(switch (opt) {
                    case "SUBSCRIBED" -> Select.SUBSCRIBED;
                    case "REMOTE" -> Select.REMOTE;
                    case "RECURSIVEMATCH" -> Select.RECURSIVEMATCH;
                    case "SPECIAL-USE" -> Select.SPECIAL_USE;
                    default -> throw new SyntaxError("unknown LIST selection option");
                });
            }
            args.sp();
            if (select.contains(Select.RECURSIVEMATCH) && !select.contains(Select.SUBSCRIBED)
                    && !select.contains(Select.SPECIAL_USE)) {
                throw new SyntaxError("RECURSIVEMATCH needs another selection option"); // RFC 5258 §3
            }
        }
        String reference = dialect.pattern(args.astring());
        args.sp();
        List<String> patterns = new ArrayList<>();
        if (args.peek() == '(') {
            for (String p : args.list(args::listMailbox, false)) {
                patterns.add(dialect.pattern(p));
            }
        } else {
            patterns.add(dialect.pattern(args.listMailbox()));
        }
        Set<Return> returns = EnumSet.noneOf(Return.class);
        List<String> statusItems = List.of();
        if (args.trySp()) {
            if (!args.keyword().equals("RETURN")) {
                throw new SyntaxError("expected RETURN");
            }
            args.sp();
            args.expect('(');
            if (!args.tryChar(')')) {
                do {
                    String opt = args.keyword();
                    switch (opt) {
                        case "SUBSCRIBED" -> returns.add(Return.SUBSCRIBED);
                        case "CHILDREN" -> returns.add(Return.CHILDREN);
                        case "SPECIAL-USE" -> returns.add(Return.SPECIAL_USE);
                        case "STATUS" -> {
                            args.sp();
                            statusItems = StatusItems.parse(args);
                            returns.add(Return.STATUS);
                        }
                        default -> throw new SyntaxError("unknown LIST return option");
                    }
                } while (args.trySp());
                args.expect(')');
            }
        }
        return new Request(select, reference, patterns, returns, statusItems);
    }

    @Override
    public Completion execute(Request r, ImapSession session) {
        ResponseWriter out = session.out();
        Dialect dialect = session.dialect();
        if (r.patterns().size() == 1 && r.patterns().get(0).isEmpty() && r.select().isEmpty()) {
            // RFC 9051 §6.3.9: an empty pattern asks for the hierarchy separator.
            out.untagged("LIST (\\Noselect) \"/\" \"\"");
            return Completion.ok("LIST completed");
        }
        List<MailboxInfo> all = session.mailboxes().list();
        List<MailboxName> subscribed = session.mailboxes().subscriptions();
        TreeMap<String, MailboxInfo> existing = new TreeMap<>();
        for (MailboxInfo m : all) {
            existing.put(m.name().path(), m);
        }
        Set<String> subs = new java.util.TreeSet<>();
        subscribed.forEach(n -> subs.add(n.path()));
        boolean bySubscription = r.select().contains(Select.SUBSCRIBED);
        boolean showSubscribed = bySubscription || r.returns().contains(Return.SUBSCRIBED);
        List<MailboxPattern> patterns = r.patterns().stream().map(p -> new MailboxPattern(r.reference(), p)).toList();

        java.util.TreeSet<String> names = new java.util.TreeSet<>(existing.keySet());
        if (bySubscription) {
            names.addAll(subs);
        }
        for (String name : names) {
            if (patterns.stream().noneMatch(p -> p.matches(name))) {
                continue;
            }
            MailboxInfo info = existing.get(name);
            boolean meets = !bySubscription || subs.contains(name);
            if (r.select().contains(Select.SPECIAL_USE)) {
                meets &= info != null && info.specialUse().isPresent();
            }
            boolean childInfo = r.select().contains(Select.RECURSIVEMATCH) && bySubscription
                    && subs.stream().anyMatch(s -> s.startsWith(name + "/"));
            if (!meets && !childInfo) {
                continue;
            }
            List<String> attrs = new ArrayList<>();
            if (info == null) {
                attrs.add("\\NonExistent");
            } else {
                boolean children = existing.subMap(name + "/", name + "0").size() > 0;
                attrs.add(children ? "\\HasChildren" : "\\HasNoChildren");
                info.specialUse().ifPresent(u -> attrs.add(u.attribute()));
            }
            if (showSubscribed && subs.contains(name)) {
                attrs.add("\\Subscribed");
            }
            String line = "LIST (" + String.join(" ", attrs) + ") \"/\" "
                    + ResponseWriter.quote(dialect.wire(name))
                    + (childInfo ? " (\"CHILDINFO\" (\"SUBSCRIBED\"))" : "");
            out.untagged(line);
            if (r.returns().contains(Return.STATUS) && info != null && meets) {
                out.untagged(StatusItems.response(session, dialect, info, r.statusItems()));
            }
        }
        return Completion.ok("LIST completed");
    }
}
