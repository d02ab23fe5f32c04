package org.mailroom.imap.search;

import java.util.List;
import java.util.Set;
import org.mailroom.imap.protocol.ResponseWriter;
import org.mailroom.imap.protocol.SequenceSet;

/**
 * The ESEARCH response of SEARCH (RFC 4731 §3.1, RFC 9051 §7.3.4) and of extended SORT (RFC 5267
 * §3.1): MIN, MAX, ALL, PARTIAL and COUNT of a result list, which for SORT is in the requested order,
 * where MIN and MAX are the first and last sorted messages and ranges join only ascending runs
 * (RFC 5267 §3.2).
 */
public final class Esearch {

    private Esearch() {
    }

    /**
     * @param numbers the result (sequence numbers or UIDs), in UID order for SEARCH, sort order for SORT
     * @param partial the PARTIAL range or null
     */
    public static String response(String tag, boolean byUid, Set<String> options, PartialRange partial,
                                  List<Long> numbers) {
        StringBuilder sb = new StringBuilder("ESEARCH (TAG ").append(ResponseWriter.quote(tag)).append(")");
        if (byUid) {
            sb.append(" UID");
        }
        if (!numbers.isEmpty()) {
            if (options.contains("MIN")) {
                sb.append(" MIN ").append(numbers.get(0));
            }
            if (options.contains("MAX")) {
                sb.append(" MAX ").append(numbers.get(numbers.size() - 1));
            }
            if (options.contains("ALL")) {
                sb.append(" ALL ").append(SequenceSet.format(numbers));
            }
        }
        if (partial != null) {
            // RFC 5267 §4.4: the original range, and NIL when no result falls in it
            List<Long> part = partial.apply(numbers);
            sb.append(" PARTIAL (").append(partial.text()).append(' ')
                    .append(part.isEmpty() ? "NIL" : SequenceSet.format(part)).append(')');
        }
        if (options.contains("COUNT")) {
            sb.append(" COUNT ").append(numbers.size());
        }
        return sb.toString();
    }

    /**
     * What SAVE keeps, in UID order, (RFC 5182 §2.4, RFC 9394 §3.2): with only MIN and/or MAX, those; with PARTIAL
     * and no COUNT, the partial results (with MIN/MAX); otherwise everything found. {@code uids} is the
     * result in its order (sorted for SORT), so that MIN and MAX are its first and last.
     */
    public static List<Long> saved(Set<String> options, PartialRange partial, List<Long> uids) {
        boolean min = options.contains("MIN");
        boolean max = options.contains("MAX");
        if (uids.isEmpty() || options.contains("COUNT") || options.contains("ALL") || partial == null && !min && !max) {
            return uids.stream().sorted().toList();
        }
        java.util.LinkedHashSet<Long> out = new java.util.LinkedHashSet<>();
        if (min) {
            out.add(uids.get(0));
        }
        if (partial != null) {
            out.addAll(partial.apply(uids));
        }
        if (max) {
            out.add(uids.get(uids.size() - 1));
        }
        List<Long> sorted = new java.util.ArrayList<>(out);
        java.util.Collections.sort(sorted);
        return sorted;
    }
}
