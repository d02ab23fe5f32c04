package org.mailroom.store;

/** The special-use attributes of RFC 6154 that a stored mailbox can carry. */
public enum SpecialUse {
    DRAFTS("\\Drafts", "Drafts"),
    SENT("\\Sent", "Sent"),
    TRASH("\\Trash", "Trash"),
    JUNK("\\Junk", "Junk"),
    ARCHIVE("\\Archive", "Archive");

    private final String attribute;
    private final String defaultName;

    SpecialUse(String attribute, String defaultName) {
        this.attribute = attribute;
        this.defaultName = defaultName;
    }

    /** The IMAP LIST attribute, e.g. {@code \Sent}. */
    public String attribute() {
        return attribute;
    }

    /** The name of the mailbox every new account gets with this attribute. */
    public MailboxName defaultName() {
        return MailboxName.of(defaultName);
    }
}
