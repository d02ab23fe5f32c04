package org.mailroom.imap.search;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.mailroom.imap.command.DateArgument;
import org.mailroom.imap.protocol.CommandReader;
import org.mailroom.imap.protocol.SequenceSet;
import org.mailroom.imap.protocol.SyntaxError;
import org.mailroom.imap.session.CommandFailed;
import org.mailroom.store.Flag;

/**
 * {@code search = "SEARCH" [search-return-opts] SP search-program},
 * {@code search-program = ["CHARSET" SP charset SP] search-key *(SP search-key)} (RFC 9051 §6.4.4, RFC 4731).
 * Only UTF-8 and US-ASCII are accepted as charsets; any other gets {@code [BADCHARSET]}.
 */
public final class SearchParser {

    private static final Set<String> RETURN_OPTIONS = Set.of("MIN", "MAX", "ALL", "COUNT", "SAVE");

    private SearchParser() {
    }

    public static SearchRequest parse(CommandReader r) {
        Set<String> options = new LinkedHashSet<>();
        boolean extended = false;
        if (r.peek() == 'R' || r.peek() == 'r') {
            if (peekWord(r, "RETURN")) {
                r.keyword();
                r.sp();
                extended = true;
                for (String o : r.list(r::keyword, true)) {
                    if (!RETURN_OPTIONS.contains(o)) {
                        throw new SyntaxError("unknown search return option");
                    }
                    options.add(o);
                }
                if (options.isEmpty()) {
                    options.add("ALL");
                }
                r.sp();
            }
        }
        if ((r.peek() == 'C' || r.peek() == 'c') && peekWord(r, "CHARSET")) {
            r.keyword();
            r.sp();
            String charset = r.astring().toUpperCase(Locale.ROOT);
            if (!charset.equals("UTF-8") && !charset.equals("US-ASCII")) {
                throw new CommandFailed("[BADCHARSET (UTF-8 US-ASCII)] Unsupported charset");
            }
            r.sp();
        }
        List<SearchKey> keys = new ArrayList<>();
        keys.add(key(r, 0));
        while (r.trySp()) {
            keys.add(key(r, 0));
        }
        return new SearchRequest(options, extended, keys.size() == 1 ? keys.get(0) : new SearchKey.And(keys));
    }

    /** Whether the next atom is {@code word} (without consuming it). */
    private static boolean peekWord(CommandReader r, String word) {
        return r.startsWithIgnoreCase(word + " ");
    }

    private static SearchKey key(CommandReader r, int depth) {
        if (depth > CommandReader.MAX_DEPTH) {
            throw new SyntaxError("search keys nested too deeply");
        }
        int c = r.peek();
        if (c == '(') {
            r.expect('(');
            List<SearchKey> keys = new ArrayList<>();
            keys.add(key(r, depth + 1));
            while (r.trySp()) {
                keys.add(key(r, depth + 1));
            }
            r.expect(')');
            return keys.size() == 1 ? keys.get(0) : new SearchKey.And(keys);
        }
        if (c >= '0' && c <= '9' || c == '*' || c == '$') {
            return new SearchKey.Sequence(SequenceSet.read(r), false);
        }
        String word = r.keyword();
        return switch (word) {
            case "ALL" -> new SearchKey.All();
            case "ANSWERED" -> new SearchKey.HasFlag(Flag.ANSWERED, true);
            case "DELETED" -> new SearchKey.HasFlag(Flag.DELETED, true);
            case "DRAFT" -> new SearchKey.HasFlag(Flag.DRAFT, true);
            case "FLAGGED" -> new SearchKey.HasFlag(Flag.FLAGGED, true);
            case "SEEN" -> new SearchKey.HasFlag(Flag.SEEN, true);
            case "UNANSWERED" -> new SearchKey.HasFlag(Flag.ANSWERED, false);
            case "UNDELETED" -> new SearchKey.HasFlag(Flag.DELETED, false);
            case "UNDRAFT" -> new SearchKey.HasFlag(Flag.DRAFT, false);
            case "UNFLAGGED" -> new SearchKey.HasFlag(Flag.FLAGGED, false);
            case "UNSEEN" -> new SearchKey.HasFlag(Flag.SEEN, false);
            case "RECENT" -> new SearchKey.Recent(true);
            case "OLD" -> new SearchKey.Recent(false);
            case "NEW" -> new SearchKey.And(List.of(new SearchKey.Recent(true), new SearchKey.HasFlag(Flag.SEEN, false)));
            case "KEYWORD" -> new SearchKey.Keyword(arg(r, true), true);
            case "UNKEYWORD" -> new SearchKey.Keyword(arg(r, true), false);
            case "BCC", "CC", "FROM", "TO", "SUBJECT" -> new SearchKey.Header(word.toLowerCase(Locale.ROOT), arg(r, false));
            case "HEADER" -> {
                String field = arg(r, false).toLowerCase(Locale.ROOT);
                yield new SearchKey.Header(field, arg(r, false));
            }
            case "BODY" -> new SearchKey.Body(arg(r, false), false);
            case "TEXT" -> new SearchKey.Body(arg(r, false), true);
            case "BEFORE" -> new SearchKey.InternalDate(SearchKey.DateWhen.BEFORE, date(r));
            case "ON" -> new SearchKey.InternalDate(SearchKey.DateWhen.ON, date(r));
            case "SINCE" -> new SearchKey.InternalDate(SearchKey.DateWhen.SINCE, date(r));
            case "SENTBEFORE" -> new SearchKey.SentDate(SearchKey.DateWhen.BEFORE, date(r));
            case "SENTON" -> new SearchKey.SentDate(SearchKey.DateWhen.ON, date(r));
            case "SENTSINCE" -> new SearchKey.SentDate(SearchKey.DateWhen.SINCE, date(r));
            case "LARGER" -> new SearchKey.Size(true, number(r));
            case "EMAILID" -> new SearchKey.ObjectId(false, arg(r, true));
            case "THREADID" -> new SearchKey.ObjectId(true, arg(r, true));
            case "SAVEDBEFORE" -> new SearchKey.SaveDate(SearchKey.DateWhen.BEFORE, date(r));
            case "SAVEDON" -> new SearchKey.SaveDate(SearchKey.DateWhen.ON, date(r));
            case "SAVEDSINCE" -> new SearchKey.SaveDate(SearchKey.DateWhen.SINCE, date(r));
            // RFC 8514 §4.3: every message, as this store keeps a save date for every mailbox.
            case "SAVEDATESUPPORTED" -> new SearchKey.All();
            case "SMALLER" -> new SearchKey.Size(false, number(r));
            case "UID" -> {
                r.sp();
                yield new SearchKey.Sequence(SequenceSet.read(r), true);
            }
            case "NOT" -> {
                r.sp();
                yield new SearchKey.Not(key(r, depth + 1));
            }
            case "OR" -> {
                r.sp();
                SearchKey a = key(r, depth + 1);
                r.sp();
                yield new SearchKey.Or(a, key(r, depth + 1));
            }
            default -> throw new SyntaxError("unknown search key " + org.mailroom.text.ClientText.sanitize(word));
        };
    }

    private static String arg(CommandReader r, boolean atom) {
        r.sp();
        return atom ? r.atom() : r.astring();
    }

    private static java.time.LocalDate date(CommandReader r) {
        r.sp();
        if (r.peek() == '"') {
            return DateArgument.parseDate(r.string());
        }
        return DateArgument.parseDate(r.atom());
    }

    private static long number(CommandReader r) {
        r.sp();
        return r.number();
    }
}
