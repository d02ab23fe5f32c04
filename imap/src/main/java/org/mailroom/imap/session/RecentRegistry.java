package org.mailroom.imap.session;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which session first saw each message, for {@code \Recent} (RFC 3501 §2.3.2): a message is recent
 * in exactly one session, the first to select its mailbox read-write after it arrived. One per
 * server, shared by its sessions; forgotten at restart, when every message counts as unseen again.
 */
public final class RecentRegistry {

    private final ConcurrentHashMap<Long, Long> highestClaimed = new ConcurrentHashMap<>();

    /** The UIDs of {@code uids} (ascending) that no session has claimed before; claims them. */
    public List<Long> claim(long mailboxId, List<Long> uids) {
        List<Long> mine = new ArrayList<>();
        highestClaimed.compute(mailboxId, (k, high) -> {
            long h = high == null ? 0 : high;
            for (long uid : uids) {
                if (uid > h) {
                    mine.add(uid);
                }
            }
            return mine.isEmpty() ? (high == null ? Long.valueOf(h) : high) : mine.get(mine.size() - 1);
        });
        return mine;
    }


    /**
     * Claims every UID up to {@code highestUid} not claimed before, for a selection that lists its
     * UIDs rather than its messages; returns the highest UID claimed before, above which this
     * session's messages are \Recent.
     */
    public long claimUpTo(long mailboxId, long highestUid) {
        long[] before = new long[1];
        highestClaimed.compute(mailboxId, (k, high) -> {
            long h = high == null ? 0 : high;
            before[0] = h;
            return Math.max(h, highestUid);
        });
        return before[0];
    }

    /** How many of {@code sortedUids} (ascending) no session has claimed yet (STATUS RECENT), without claiming them. */
    public long unclaimed(long mailboxId, long[] sortedUids) {
        long h = highestClaimed.getOrDefault(mailboxId, 0L);
        int i = java.util.Arrays.binarySearch(sortedUids, h);
        int firstAbove = i >= 0 ? i + 1 : -i - 1;
        return sortedUids.length - firstAbove;
    }
}
