package org.mailroom.imap.search;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongUnaryOperator;
import org.mailroom.imap.protocol.SequenceSet;

/**
 * One searching command's result kept up to date for its client (RFC 5267 §4.3): the UIDs of the
 * matching messages, told to the client as UIDs or, for SEARCH and SORT without UID, as the sequence
 * numbers they have when the update is written (RFC 5267 §4.3.2).
 *
 * @param byUid whether the client is told UIDs
 * @param order null for SEARCH (positions are 0, RFC 5267 §4.3.3), the sort order for SORT
 * @param results the matching UIDs in the requested order (kept for SORT only, where positions count)
 * @param members the matching UIDs
 */
record UpdateContext(String tag, boolean byUid, SearchKey key, ResultOrder order, List<Long> results,
                     Set<Long> members) {

    UpdateContext(String tag, boolean byUid, SearchKey key, ResultOrder order, List<Long> results) {
        this(tag, byUid, key, order, order == null ? new ArrayList<>() : new ArrayList<>(results),
                new HashSet<>(results));
    }

    boolean has(long uid) {
        return members.contains(uid);
    }

    /**
     * Applies a change of membership; returns the ESEARCH return data (REMOVEFROM, ADDTO), or "".
     * {@code number} gives a UID's number for the client (itself, or its sequence number now).
     */
    String apply(Set<Long> removed, List<Long> added, LongUnaryOperator number) {
        members.removeAll(removed);
        members.addAll(added);
        StringBuilder sb = new StringBuilder();
        if (!removed.isEmpty()) {
            sb.append(" REMOVEFROM (").append(order == null ? unordered(removed, number) : removeOrdered(removed, number))
                    .append(')');
        }
        if (!added.isEmpty()) {
            sb.append(" ADDTO (").append(order == null ? unordered(added, number) : addOrdered(added, number)).append(')');
        }
        return sb.toString();
    }

    private static String unordered(java.util.Collection<Long> uids, LongUnaryOperator number) {
        List<Long> numbers = new ArrayList<>();
        for (long uid : uids) {
            numbers.add(number.applyAsLong(uid));
        }
        numbers.sort(null);
        return "0 " + SequenceSet.format(numbers);
    }

    /** Pairs of the position each message has when it is removed, processed in order (RFC 5267 §4.3.4). */
    private String removeOrdered(Set<Long> removed, LongUnaryOperator number) {
        StringBuilder sb = new StringBuilder();
        int left = removed.size();
        for (int i = 0; i < results.size() && left > 0; ) {
            long uid = results.get(i);
            if (removed.contains(uid)) {
                left--;
                sb.append(sb.isEmpty() ? "" : " ").append(i + 1).append(' ').append(number.applyAsLong(uid));
                results.remove(i);
                order.forget(uid);
            } else {
                i++;
            }
        }
        return sb.toString();
    }

    /** Each new result inserted where the order puts it, as a position and a number (RFC 5267 §4.3.3). */
    private String addOrdered(List<Long> added, LongUnaryOperator number) {
        List<Long> sorted = new ArrayList<>(added);
        sorted.sort(order::compare);
        StringBuilder sb = new StringBuilder();
        for (long uid : sorted) {
            int lo = 0;
            int hi = results.size();
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (order.compare(results.get(mid), uid) < 0) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            results.add(lo, uid);
            sb.append(sb.isEmpty() ? "" : " ").append(lo + 1).append(' ').append(number.applyAsLong(uid));
        }
        return sb.toString();
    }
}
