package org.mailroom.imap.search;

import java.util.ArrayList;
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

    private SearchParser() {
    }

    public static SearchRequest parse(CommandReader r) {
        return parse(r, false);
    }

    /**
     * With {@code utf8Accepted} (UTF8=ACCEPT enabled), a CHARSET is a syntax error: RFC 6855 §3 with erratum
     * 4029 (the client must not send one, and the server should answer BAD, the charsets conflicting).
     */
    public static SearchRequest parse(CommandReader r, boolean utf8Accepted) {
        ReturnOptions returns = null;
        if (ReturnOptions.follows(r)) {
            returns = ReturnOptions.read(r);
            r.sp();
        }
        if ((r.peek() == 'C' || r.peek() == 'c') && peekWord(r, "CHARSET")) {
            r.keyword();
            if (utf8Accepted) {
                throw new SyntaxError("No CHARSET once UTF8=ACCEPT is enabled");
            }
            r.sp();
            charset(r.astring());
            r.sp();
        }
        SearchKey key = program(r);
        return returns == null ? new SearchRequest(Set.of(), false, key)
                : new SearchRequest(returns.options(), true, key, returns.partial());
    }

    /**
     * The mandatory charset of SORT and THREAD: once UTF8=ACCEPT is enabled only UTF-8 is right, any other
     * a syntax error (RFC 6855 erratum 4029); otherwise as {@link #charset(String)}.
     */
    public static void charset(String name, boolean utf8Accepted) {
        if (utf8Accepted && !name.equalsIgnoreCase("UTF-8")) {
            throw new SyntaxError("Only CHARSET UTF-8 once UTF8=ACCEPT is enabled");
        }
        charset(name);
    }

    /** Accepts UTF-8 and US-ASCII; any other charset is {@code [BADCHARSET]} (RFC 9051 §6.4.4). */
    public static void charset(String name) {
        String charset = name.toUpperCase(Locale.ROOT);
        if (!charset.equals("UTF-8") && !charset.equals("US-ASCII")) {
            throw new CommandFailed("[BADCHARSET (UTF-8 US-ASCII)] Unsupported charset");
        }
    }

    /** {@code search-key *(SP search-key)}, to the end of the command. */
    public static SearchKey program(CommandReader r) {
        List<SearchKey> keys = new ArrayList<>();
        keys.add(key(r, 0));
        while (r.trySp()) {
            keys.add(key(r, 0));
        }
        return keys.size() == 1 ? keys.get(0) : new SearchKey.And(keys);
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
            case "OLDER" -> new SearchKey.Within(true, nzNumber(r));
            case "YOUNGER" -> new SearchKey.Within(false, nzNumber(r));
            case "UID" -> {
                r.sp();
                yield new SearchKey.Sequence(SequenceSet.read(r), true);
            }
            case "MODSEQ" -> modSeq(r);
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

    /**
     * RFC 7162 §3.1.5: {@code "MODSEQ" [SP entry-name SP entry-type-req] SP mod-sequence-valzer}. The
     * entry names one flag's metadata; a message here has one mod-sequence for all its flags, which
     * the RFC allows to stand for each of them, so the entry is checked and then not needed.
     */
    private static SearchKey modSeq(CommandReader r) {
        r.sp();
        if (r.peek() == '"') {
            String entry = r.string();
            if (!entry.toLowerCase(Locale.ROOT).startsWith("/flags/") || entry.length() == "/flags/".length()) {
                throw new SyntaxError("MODSEQ entry name must be /flags/<flag>");
            }
            r.sp();
            String type = r.atom().toLowerCase(Locale.ROOT);
            if (!type.equals("priv") && !type.equals("shared") && !type.equals("all")) {
                throw new SyntaxError("MODSEQ entry type must be priv, shared or all");
            }
            r.sp();
        }
        return new SearchKey.ModSeq(r.number());
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

    /** RFC 5032 §3: {@code ("OLDER" / "YOUNGER") SP nz-number}, seconds. */
    private static long nzNumber(CommandReader r) {
        r.sp();
        long n = r.number();
        if (n == 0) {
            throw new SyntaxError("interval must not be 0");
        }
        return n;
    }

    private static long number(CommandReader r) {
        r.sp();
        return r.number();
    }
}
