package org.mailroom.imap.search;

import java.util.List;
import org.mailroom.imap.protocol.SyntaxError;

/**
 * A PARTIAL return option's range (RFC 5267 §4.4, RFC 9394 §3.1): positions in the result list,
 * the first result being 1, or counted from the end when both ends carry a minus (-1 is the last
 * result). {@code 500:400} means {@code 400:500}; "*" and 0 are not allowed (RFC 9394 §4).
 *
 * @param text the range as the client wrote it, which the PARTIAL response echoes
 */
public record PartialRange(long low, long high, boolean fromEnd, String text) {

    public static PartialRange parse(String text) {
        int colon = text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new SyntaxError("invalid partial range");
        }
        String a = text.substring(0, colon);
        String b = text.substring(colon + 1);
        boolean minusA = a.startsWith("-");
        boolean minusB = b.startsWith("-");
        if (minusA != minusB) {
            throw new SyntaxError("invalid partial range");
        }
        long x = nz(minusA ? a.substring(1) : a);
        long y = nz(minusB ? b.substring(1) : b);
        return new PartialRange(Math.min(x, y), Math.max(x, y), minusA, text);
    }

    private static long nz(String digits) {
        if (digits.isEmpty() || digits.length() > 10 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')
                || digits.charAt(0) == '0') {
            throw new SyntaxError("invalid partial range");
        }
        long n = Long.parseLong(digits);
        if (n > 0xFFFFFFFFL) {
            throw new SyntaxError("invalid partial range");
        }
        return n;
    }

    /** The results at these positions, in the list's order; fewer (or none) where the list is shorter. */
    public <T> List<T> apply(List<T> results) {
        long n = results.size();
        long from;
        long to;
        if (fromEnd) {
            from = n - high + 1;
            to = n - low + 1;
        } else {
            from = low;
            to = high;
        }
        from = Math.max(from, 1);
        to = Math.min(to, n);
        if (from > to) {
            return List.of();
        }
        return results.subList((int) from - 1, (int) to);
    }
}
