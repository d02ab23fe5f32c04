package org.mailroom.imap.search;

import jakarta.mail.internet.MailDateFormat;
import java.text.ParsePosition;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.mailroom.imap.fetch.ObjectIds;
import org.mailroom.store.MessageHeader;
import org.mailroom.store.MessageSummary;
import org.mailroom.store.UidSet;
import org.mailroom.store.UserMailboxes;

/**
 * Decides whether one message matches a search key. Flags, dates, sizes and numbers come from the
 * summary; header and body keys read the message only when reached (RFC 9051 §6.4.4: strings match
 * as case-insensitive substrings, dates disregard time and zone).
 */
public final class SearchEvaluator {

    /** What the session knows of a message besides the store's summary. */
    public interface SessionView {
        int seq(long uid);

        boolean recent(long uid);

        int exists();

        long highestUid();

        List<Long> saved();
    }

    private final UserMailboxes store;
    private final long mailboxId;
    private final SessionView view;
    private java.util.Map<Long, UserMailboxes.MessageIdentity> identities;

    public SearchEvaluator(UserMailboxes store, long mailboxId, SessionView view) {
        this.store = store;
        this.mailboxId = mailboxId;
        this.view = view;
    }

    public boolean matches(SearchKey key, MessageSummary m) {
        return eval(key, m, new MessageText[1]);
    }

    /** As {@link #matches(SearchKey, MessageSummary)}, with the message's structure and header already read. */
    public boolean matches(SearchKey key, MessageSummary m, MessageHeader preloaded) {
        return eval(key, m, new MessageText[] {new MessageText(store, mailboxId, preloaded)});
    }

    /**
     * Whether evaluating {@code key} may read header fields but never a body, so that the headers of
     * many messages can be read in one batch first (issue 8: one read per message, or fewer).
     */
    public static boolean needsHeaderOnly(SearchKey key) {
        return needs(key, true) && !needs(key, false);
    }

    /** Whether the key's result changes with the clock alone (RFC 5032 OLDER, YOUNGER). */
    public static boolean dependsOnTime(SearchKey key) {
        return anyKey(key, k -> k instanceof SearchKey.Within);
    }

    /** Whether the key names a MODSEQ criterion anywhere (RFC 7162 §3.1.5: it enables CONDSTORE). */
    public static boolean usesModSeq(SearchKey key) {
        return anyKey(key, k -> k instanceof SearchKey.ModSeq);
    }

    /** Whether {@code test} holds for the key or any key inside its NOT, OR and AND. */
    private static boolean anyKey(SearchKey key, Predicate<SearchKey> test) {
        if (test.test(key)) {
            return true;
        }
        if (key instanceof SearchKey.Not n) {
            return anyKey(n.key(), test);
        }
        if (key instanceof SearchKey.Or o) {
            return anyKey(o.a(), test) || anyKey(o.b(), test);
        }
        return key instanceof SearchKey.And a && a.keys().stream().anyMatch(k -> anyKey(k, test));
    }

    /** Whether a key of the tree reads the header ({@code header}) or the body ({@code !header}). */
    private static boolean needs(SearchKey key, boolean header) {
        if (key instanceof SearchKey.Header || key instanceof SearchKey.SentDate) {
            return header;
        }
        if (key instanceof SearchKey.Body) {
            return true;
        }
        if (key instanceof SearchKey.Not n) {
            return needs(n.key(), header);
        }
        if (key instanceof SearchKey.Or o) {
            return needs(o.a(), header) || needs(o.b(), header);
        }
        if (key instanceof SearchKey.And a) {
            return a.keys().stream().anyMatch(k -> needs(k, header));
        }
        return false;
    }

    private boolean eval(SearchKey key, MessageSummary m, MessageText[] text) {
        if (key instanceof SearchKey.All) {
            return true;
        }
        if (key instanceof SearchKey.HasFlag f) {
            return m.flags().has(f.flag()) == f.set();
        }
        if (key instanceof SearchKey.Keyword k) {
            return m.flags().keywords().stream().anyMatch(x -> x.equalsIgnoreCase(k.keyword())) == k.set();
        }
        if (key instanceof SearchKey.Recent r) {
            return view.recent(m.uid()) == r.recent();
        }
        if (key instanceof SearchKey.ObjectId o) {
            // RFC 8474 §5.2: no THREADID is computed, so SEARCH THREADID matches nothing.
            return !o.thread() && o.id().equals(ObjectIds.emailId(identity(m).contentId()));
        }
        if (key instanceof SearchKey.SaveDate d) {
            return compare(identity(m).saveDate().atZone(ZoneOffset.UTC).toLocalDate(), d.when(), d.date());
        }
        if (key instanceof SearchKey.Size s) {
            return s.larger() ? m.size() > s.octets() : m.size() < s.octets();
        }
        if (key instanceof SearchKey.InternalDate d) {
            return compare(m.internalDate().atZone(ZoneOffset.UTC).toLocalDate(), d.when(), d.date());
        }
        if (key instanceof SearchKey.Within w) {
            // RFC 5032 §3: OLDER and YOUNGER split the messages at now minus the interval
            boolean older = !m.internalDate().isAfter(Instant.now().minusSeconds(w.seconds()));
            return older == w.older();
        }
        if (key instanceof SearchKey.SentDate d) {
            LocalDate sent = sentDate(text(text, m));
            return sent != null && compare(sent, d.when(), d.date());
        }
        if (key instanceof SearchKey.Sequence s) {
            if (s.set().saved()) {
                return view.saved().contains(m.uid());
            }
            return s.byUid() ? s.set().contains(m.uid(), view.highestUid())
                    : s.set().contains(view.seq(m.uid()), view.exists());
        }
        if (key instanceof SearchKey.Header h) {
            String needle = fold(h.value());
            List<String> values = text(text, m).header(h.field());
            if (needle.isEmpty()) {
                return !values.isEmpty();
            }
            return values.stream().anyMatch(v -> fold(v).contains(needle));
        }
        if (key instanceof SearchKey.Body b) {
            String needle = fold(b.value());
            MessageText t = text(text, m);
            return fold(t.body()).contains(needle) || b.withHeader() && fold(t.headerText()).contains(needle);
        }
        if (key instanceof SearchKey.ModSeq q) {
            return m.modSeq() >= q.modSeq();
        }
        if (key instanceof SearchKey.Not n) {
            return !eval(n.key(), m, text);
        }
        if (key instanceof SearchKey.Or o) {
            return eval(o.a(), m, text) || eval(o.b(), m, text);
        }
        for (SearchKey k : ((SearchKey.And) key).keys()) {
            if (!eval(k, m, text)) {
                return false;
            }
        }
        return true;
    }

    /** The identities of the whole mailbox, read once when a key first needs one (RFC 8474, RFC 8514 keys). */
    private UserMailboxes.MessageIdentity identity(MessageSummary m) {
        if (identities == null) {
            identities = new java.util.HashMap<>();
            for (UserMailboxes.MessageIdentity id : store.identities(mailboxId, UidSet.ALL)) {
                identities.put(id.uid(), id);
            }
        }
        UserMailboxes.MessageIdentity id = identities.get(m.uid());
        return id != null ? id : new UserMailboxes.MessageIdentity(m.uid(), -1, m.internalDate());
    }

    private MessageText text(MessageText[] holder, MessageSummary m) {
        if (holder[0] == null) {
            holder[0] = new MessageText(store, mailboxId, m.uid());
        }
        return holder[0];
    }

    private static boolean compare(LocalDate actual, SearchKey.DateWhen when, LocalDate date) {
        return switch (when) {
            case BEFORE -> actual.isBefore(date);
            case ON -> actual.isEqual(date);
            case SINCE -> !actual.isBefore(date);
        };
    }

    /** The Date header's calendar date in the sender's own zone (RFC 9051 SENTON). */
    static LocalDate sentDate(MessageText text) {
        String date = text.structure().envelope().date();
        if (date == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(date.replaceAll("\\s*\\([^)]*\\)\\s*$", "").trim(),
                    DateTimeFormatter.RFC_1123_DATE_TIME).toLocalDate();
        } catch (RuntimeException e) {
            Date d = new MailDateFormat().parse(date, new ParsePosition(0));
            return d == null ? null : d.toInstant().atZone(ZoneOffset.UTC).toLocalDate();
        }
    }

    private static String fold(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
