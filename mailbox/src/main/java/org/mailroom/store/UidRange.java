package org.mailroom.store;

/** An inclusive range of UIDs, {@code first <= last}. */
public record UidRange(long first, long last) {

    public static final UidRange ALL = new UidRange(1, Long.MAX_VALUE);

    public UidRange {
        if (first < 1 || last < first) {
            throw new IllegalArgumentException("bad UID range " + first + ":" + last);
        }
    }

    public static UidRange of(long uid) {
        return new UidRange(uid, uid);
    }

    public boolean contains(long uid) {
        return uid >= first && uid <= last;
    }
}
