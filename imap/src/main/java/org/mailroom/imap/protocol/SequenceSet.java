package org.mailroom.imap.protocol;

import java.util.ArrayList;
import java.util.List;

/**
 * A sequence-set as written (RFC 9051 §9): ranges of numbers where 0 stands for {@code *}, or
 * {@code $}, the saved search result (RFC 5182). Interpreted as sequence numbers or UIDs by the
 * session, which knows what {@code *} and {@code $} are.
 */
public record SequenceSet(List<Range> ranges, boolean saved) {

    public static final long STAR = 0;

    public SequenceSet {
        ranges = List.copyOf(ranges);
    }

    /** An inclusive range; either end may be {@link #STAR}. */
    public record Range(long from, long to) {
    }

    public static SequenceSet read(CommandReader r) {
        if (r.tryChar('$')) {
            return new SequenceSet(List.of(), true);
        }
        List<Range> ranges = new ArrayList<>();
        do {
            long from = number(r);
            long to = from;
            if (r.tryChar(':')) {
                to = number(r);
            }
            ranges.add(new Range(from, to));
            if (ranges.size() > 100_000) {
                throw new SyntaxError("sequence set too long");
            }
        } while (r.tryChar(','));
        return new SequenceSet(ranges, false);
    }

    private static long number(CommandReader r) {
        if (r.tryChar('*')) {
            return STAR;
        }
        return r.nzNumber32();
    }

    /** Whether {@code n} lies in this set when {@code *} is {@code star}. */
    public boolean contains(long n, long star) {
        for (Range range : ranges) {
            long a = range.from == STAR ? star : range.from;
            long b = range.to == STAR ? star : range.to;
            if (n >= Math.min(a, b) && n <= Math.max(a, b)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the set names only numbers up to {@code max} ({@code *} always fits). */
    public boolean within(long max) {
        for (Range range : ranges) {
            if (range.from > max || range.to > max) {
                return false;
            }
        }
        return true;
    }

    /** Compact text form of numbers, runs joined in the order given: 1:3,7 (COPYUID keeps pairs in step). */
    public static String format(List<Long> sorted) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < sorted.size()) {
            int j = i;
            while (j + 1 < sorted.size() && sorted.get(j + 1) == sorted.get(j) + 1) {
                j++;
            }
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(sorted.get(i));
            if (j > i) {
                sb.append(':').append(sorted.get(j));
            }
            i = j + 1;
        }
        return sb.toString();
    }
}
