package org.mailroom.imap.session;

import org.mailroom.imap.protocol.ModifiedUtf7;
import org.mailroom.imap.protocol.SyntaxError;
import org.mailroom.store.MailboxName;

/**
 * What the client has enabled that changes the grammar: after {@code ENABLE IMAP4rev2} mailbox
 * names travel in UTF-8, before it in modified UTF-7 (RFC 9051 §5.1, RFC 3501 §5.1.3).
 */
public record Dialect(boolean rev2) {

    public static final Dialect REV1 = new Dialect(false);

    /** A mailbox name as the client wrote it, in the store's form. */
    public MailboxName mailbox(String wire) {
        String name = rev2 ? wire : ModifiedUtf7.decode(wire);
        if (name.equalsIgnoreCase("INBOX")) {
            return MailboxName.INBOX;
        }
        try {
            return MailboxName.of(name);
        } catch (IllegalArgumentException e) {
            throw new SyntaxError("invalid mailbox name: " + e.getMessage());
        }
    }

    /** A name as the client reads it, unquoted. */
    public String wire(MailboxName name) {
        return wire(name.path());
    }

    public String wire(String path) {
        return rev2 ? path : ModifiedUtf7.encode(path);
    }

    /** A list pattern as the client wrote it, in Unicode. */
    public String pattern(String wire) {
        return rev2 ? wire : ModifiedUtf7.decode(wire);
    }
}
