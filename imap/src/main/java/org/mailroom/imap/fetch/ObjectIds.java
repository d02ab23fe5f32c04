package org.mailroom.imap.fetch;

/**
 * Object identifiers (RFC 8474 §7: {@code objectid = 1*255(ALPHA / DIGIT / "_" / "-")}), each a letter
 * and a row number, as §8.1 advises (no leading digit, never NIL): a mailbox is its row (kept by RENAME,
 * new for a mailbox created again, and for the mailbox RENAME INBOX creates, §4), a message its stored
 * content, which every copy made by COPY or MOVE shares (§5.1).
 */
public final class ObjectIds {

    private ObjectIds() {
    }

    public static String mailboxId(long mailboxRow) {
        return "F" + mailboxRow;
    }

    public static String emailId(long contentRow) {
        return "M" + contentRow;
    }
}
