package org.mailroom.store;

/** The system flags stored per message (RFC 9051 §2.3.2). {@code \Recent} is a session matter, not stored. */
public enum Flag {
    SEEN("\\Seen"),
    ANSWERED("\\Answered"),
    FLAGGED("\\Flagged"),
    DELETED("\\Deleted"),
    DRAFT("\\Draft");

    private final String imapName;

    Flag(String imapName) {
        this.imapName = imapName;
    }

    public String imapName() {
        return imapName;
    }

    /** One bit per flag, as the store packs them. */
    public int bit() {
        return 1 << ordinal();
    }
}
