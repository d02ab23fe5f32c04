package org.mailroom.imap.search;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.mailroom.imap.protocol.SequenceSet;

/**
 * One searching command's result kept up to date for its client (RFC 5267 §4.3): the UIDs of the
 * matching messages.
 *
 * @param order null for SEARCH (positions are 0, RFC 5267 §4.3.3), the sort order for SORT
 * @param results the matching UIDs in the requested order (kept for SORT only, where positions count)
 * @param members the matching UIDs
 */
record UpdateContext(String tag, SearchKey key, ResultOrder order, List<Long> results, Set<Long> members) {

    UpdateContext(String tag, SearchKey key, ResultOrder order, List<Long> results) {
        this(tag, key, order, new ArrayList<>(results), new HashSet<>(results));
    }

    boolean has(long uid) {
        return members.contains(uid);
    }

    /** Applies a change of membership; returns the ESEARCH return data (REMOVEFROM, ADDTO), or "". */
    String apply(Set<Long> removed, List<Long> added) {
        members.removeAll(removed);
        members.addAll(added);
        StringBuilder sb = new StringBuilder();
        if (!removed.isEmpty()) {
            sb.append(" REMOVEFROM (").append(order == null ? removeUnordered(removed) : removeOrdered(removed))
                    .append(')');
        }
        if (!added.isEmpty()) {
            sb.append(" ADDTO (").append(order == null ? addUnordered(added) : addOrdered(added)).append(')');
        }
        return sb.toString();
    }

    private String removeUnordered(Set<Long> removed) {
        List<Long> gone = new ArrayList<>(removed);
        Collections.sort(gone);
        return "0 " + SequenceSet.format(gone);
    }

    private String addUnordered(List<Long> added) {
        List<Long> sorted = new ArrayList<>(added);
        Collections.sort(sorted);
        return "0 " + SequenceSet.format(sorted);
    }

    /** Pairs of the position each message has when it is removed, processed in order (RFC 5267 §4.3.4). */
    private String removeOrdered(Set<Long> removed) {
        StringBuilder sb = new StringBuilder();
        int left = removed.size();
        for (int i = 0; i < results.size() && left > 0; ) {
            long uid = results.get(i);
            if (removed.contains(uid)) {
                left--;
                sb.append(sb.isEmpty() ? "" : " ").append(i + 1).append(' ').append(uid);
                results.remove(i);
                order.forget(uid);
            } else {
                i++;
            }
        }
        return sb.toString();
    }

    /** Each new result inserted where the order puts it, as a position and a UID (RFC 5267 §4.3.3). */
    private String addOrdered(List<Long> added) {
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
            sb.append(sb.isEmpty() ? "" : " ").append(lo + 1).append(' ').append(uid);
        }
        return sb.toString();
    }
}
