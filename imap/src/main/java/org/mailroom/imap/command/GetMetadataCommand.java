package org.mailroom.imap.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.mailroom.imap.protocol.CommandReader;
import org.mailroom.imap.protocol.ResponseWriter;
import org.mailroom.imap.protocol.SyntaxError;
import org.mailroom.imap.session.Completion;
import org.mailroom.imap.session.Dialect;
import org.mailroom.imap.session.ImapSession;
import org.mailroom.imap.session.SessionState;
import org.mailroom.store.MailboxName;

/**
 * GETMETADATA (RFC 5464 §4.2, grammar §5):
 * <pre>
 * getmetadata = "GETMETADATA" [SP getmetadata-options] SP mailbox SP entries
 * getmetadata-option = "MAXSIZE" SP number / "DEPTH" SP ("0" / "1" / "infinity")
 * entries = entry / "(" entry *(SP entry) ")"
 * </pre>
 * Answers one {@code * METADATA} with every entry found; entries that do not exist are left out.
 * Values longer than MAXSIZE are left out too, and the tagged OK says how long the longest of them
 * was ({@code [METADATA LONGENTRIES n]}, §4.2.1). DEPTH 1 adds the entries one level below each
 * named one, DEPTH infinity every entry below it (§4.2.2).
 */
final class GetMetadataCommand implements ImapCommand<GetMetadataCommand.Request> {

    /** DEPTH infinity. */
    static final int INFINITY = Integer.MAX_VALUE;

    record Request(OptionalLong maxSize, int depth, Optional<MailboxName> mailbox, List<String> entries) {
    }

    @Override
    public String name() {
        return "GETMETADATA";
    }

    @Override
    public Set<SessionState> states() {
        return SessionState.LOGGED_IN;
    }

    @Override
    public Request parse(CommandReader args, Dialect dialect) {
        OptionalLong maxSize = OptionalLong.empty();
        int depth = 0;
        if (args.peek() == '(') {
            args.expect('(');
            do {
                String option = args.keyword();
                args.sp();
                switch (option) {
                    case "MAXSIZE" -> maxSize = OptionalLong.of(args.number());
                    case "DEPTH" -> depth = switch (args.keyword()) {
                        case "0" -> 0;
                        case "1" -> 1;
                        case "INFINITY" -> INFINITY;
                        default -> throw new SyntaxError("DEPTH is 0, 1 or infinity");
                    };
                    default -> throw new SyntaxError("unknown GETMETADATA option");
                }
            } while (args.trySp());
            args.expect(')');
            args.sp();
        }
        Optional<MailboxName> mailbox = MetadataEntries.mailbox(args, dialect);
        args.sp();
        List<String> entries = args.peek() == '('
                ? args.list(() -> MetadataEntries.entry(args, true), false)
                : List.of(MetadataEntries.entry(args, true));
        return new Request(maxSize, depth, mailbox, entries);
    }

    @Override
    public Completion execute(Request r, ImapSession session) {
        SortedMap<String, byte[]> all = session.mailboxes().metadata().entries(r.mailbox());
        SortedMap<String, byte[]> found = new TreeMap<>();
        for (String entry : r.entries()) {
            for (Map.Entry<String, byte[]> e : all.entrySet()) {
                if (within(e.getKey(), entry, r.depth())) {
                    found.put(e.getKey(), e.getValue());
                }
            }
        }
        long longest = 0;
        List<Map.Entry<String, byte[]>> shown = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : found.entrySet()) {
            int size = e.getValue().length;
            if (r.maxSize().isPresent() && size > r.maxSize().getAsLong()) {
                longest = Math.max(longest, size);
            } else {
                shown.add(e);
            }
        }
        if (!shown.isEmpty()) {
            ResponseWriter out = session.out();
            out.text("* METADATA ").text(MetadataEntries.quoted(session.dialect(), r.mailbox())).text(" (");
            for (int i = 0; i < shown.size(); i++) {
                out.text(i == 0 ? "" : " ").text(shown.get(i).getKey()).sp();
                MetadataEntries.value(out, shown.get(i).getValue());
            }
            out.text(")").crlf();
        }
        return Completion.ok((longest > 0 ? "[METADATA LONGENTRIES " + longest + "] " : "") + "GETMETADATA completed");
    }

    /** Whether {@code name} is {@code entry} or lies at most {@code depth} levels below it. */
    static boolean within(String name, String entry, int depth) {
        if (name.equals(entry)) {
            return true;
        }
        if (depth == 0 || !name.startsWith(entry + "/")) {
            return false;
        }
        String rest = name.substring(entry.length() + 1);
        return depth == INFINITY || rest.chars().filter(c -> c == '/').count() < depth;
    }
}
