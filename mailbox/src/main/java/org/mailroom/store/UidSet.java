package org.mailroom.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** A set of UIDs as sorted, disjoint, non-adjacent ranges; immutable. */
public record UidSet(List<UidRange> ranges) {

    public static final UidSet ALL = new UidSet(List.of(UidRange.ALL));
    public static final UidSet EMPTY = new UidSet(List.of());

    public UidSet {
        List<UidRange> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparingLong(UidRange::first));
        List<UidRange> merged = new ArrayList<>();
        for (UidRange r : sorted) {
            if (!merged.isEmpty()) {
                UidRange last = merged.get(merged.size() - 1);
                if (r.first() <= last.last() + 1 || last.last() == Long.MAX_VALUE) {
                    merged.set(merged.size() - 1, new UidRange(last.first(), Math.max(last.last(), r.last())));
                    continue;
                }
            }
            merged.add(r);
        }
        ranges = List.copyOf(merged);
    }

    public static UidSet of(UidRange... ranges) {
        return new UidSet(List.of(ranges));
    }

    public static UidSet ofUids(Collection<Long> uids) {
        List<UidRange> r = new ArrayList<>(uids.size());
        for (long uid : uids) {
            r.add(UidRange.of(uid));
        }
        return new UidSet(r);
    }

    /** Binary search over the sorted ranges: a scattered set (a SEARCH result) has as many ranges as UIDs. */
    public boolean contains(long uid) {
        int lo = 0;
        int hi = ranges.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            UidRange r = ranges.get(mid);
            if (uid < r.first()) {
                hi = mid - 1;
            } else if (uid > r.last()) {
                lo = mid + 1;
            } else {
                return true;
            }
        }
        return false;
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }
}
