package org.mailroom.imap.sort;

import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.mailroom.mime.Address;
import org.mailroom.mime.Envelope;
import org.mailroom.store.MessageSummary;

/**
 * What one message is sorted by, taken from its summary and the envelope stored at delivery (never
 * its content). Strings are already in the form the collation compares ({@link Collation#key}).
 */
public record SortValues(long uid, Instant arrival, Instant date, long size, String subject, String from,
                         String to, String cc, String displayFrom, String displayTo) {

    /** Computes the values the criteria use; the others stay empty. */
    public static SortValues of(MessageSummary m, Envelope e, Set<SortCriterion.Key> keys) {
        return new SortValues(m.uid(), m.internalDate(),
                keys.contains(SortCriterion.Key.DATE) ? SentDate.of(e.date(), m.internalDate()) : m.internalDate(),
                m.size(),
                keys.contains(SortCriterion.Key.SUBJECT) ? Collation.key(BaseSubject.of(e.subject()).text()) : "",
                keys.contains(SortCriterion.Key.FROM) ? Collation.key(mailbox(e.from())) : "",
                keys.contains(SortCriterion.Key.TO) ? Collation.key(mailbox(e.to())) : "",
                keys.contains(SortCriterion.Key.CC) ? Collation.key(mailbox(e.cc())) : "",
                keys.contains(SortCriterion.Key.DISPLAYFROM) ? Collation.key(display(e.from())) : "",
                keys.contains(SortCriterion.Key.DISPLAYTO) ? Collation.key(display(e.to())) : "");
    }

    /**
     * The order of the criteria; messages equal by all of them keep ascending sequence (here UID)
     * order (RFC 5256 §3).
     */
    public static Comparator<SortValues> order(List<SortCriterion> criteria) {
        Comparator<SortValues> c = (a, b) -> 0;
        for (SortCriterion k : criteria) {
            Comparator<SortValues> one = by(k.key());
            c = c.thenComparing(k.reverse() ? one.reversed() : one);
        }
        return c.thenComparingLong(SortValues::uid);
    }

    private static Comparator<SortValues> by(SortCriterion.Key key) {
        return switch (key) {
            case ARRIVAL -> Comparator.comparing(SortValues::arrival);
            case DATE -> Comparator.comparing(SortValues::date);
            case SIZE -> Comparator.comparingLong(SortValues::size);
            case SUBJECT -> Comparator.comparing(SortValues::subject, Collation.ORDER);
            case FROM -> Comparator.comparing(SortValues::from, Collation.ORDER);
            case TO -> Comparator.comparing(SortValues::to, Collation.ORDER);
            case CC -> Comparator.comparing(SortValues::cc, Collation.ORDER);
            case DISPLAYFROM -> Comparator.comparing(SortValues::displayFrom, Collation.ORDER);
            case DISPLAYTO -> Comparator.comparing(SortValues::displayTo, Collation.ORDER);
        };
    }

    /** RFC 5256 §3 CC, FROM, TO: the addr-mailbox of the first address, or "" when there is none. */
    static String mailbox(List<Address> list) {
        Address a = first(list);
        return a == null || a.mailbox() == null ? "" : a.mailbox();
    }

    /**
     * RFC 5957 §3 DISPLAYFROM, DISPLAYTO: the decoded display name of the first address, or, when
     * it has none (or an empty one), its addr-spec; "" when there is no address.
     */
    static String display(List<Address> list) {
        Address a = first(list);
        if (a == null) {
            return "";
        }
        if (a.name() != null) {
            String name = decode(a.name()).strip();
            if (!name.isEmpty()) {
                return name;
            }
        }
        String spec = a.address();
        return spec == null ? "" : spec;
    }

    /** The first address that is not a group marker (RFC 9051 §7.5.2 flattens groups). */
    private static Address first(List<Address> list) {
        for (Address a : list) {
            if (!a.isGroupStart() && !a.isGroupEnd()) {
                return a;
            }
        }
        return null;
    }

    private static String decode(String text) {
        try {
            return MimeUtility.decodeText(text);
        } catch (UnsupportedEncodingException | RuntimeException e) {
            return text;
        }
    }
}
