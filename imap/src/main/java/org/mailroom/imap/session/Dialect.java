package org.mailroom.imap.session;

import java.text.Normalizer;
import org.mailroom.imap.protocol.ModifiedUtf7;
import org.mailroom.imap.protocol.SyntaxError;
import org.mailroom.store.MailboxName;

/**
 * What the client has enabled that changes the grammar: after {@code ENABLE IMAP4rev2} or
 * {@code ENABLE UTF8=ACCEPT} mailbox names travel in UTF-8 (RFC 9051 §5.1, RFC 6855 §3), before
 * either in modified UTF-7 (RFC 3501 §5.1.3).
 *
 * @param rev2 IMAP4rev2 is enabled
 * @param utf8 UTF8=ACCEPT is enabled (RFC 6855 §3)
 */
public record Dialect(boolean rev2, boolean utf8) {

    public static final Dialect REV1 = new Dialect(false, false);

    public Dialect(boolean rev2) {
        this(rev2, false);
    }

    /** Whether mailbox names are UTF-8 rather than modified UTF-7. */
    private boolean utf8Names() {
        return rev2 || utf8;
    }

    /** A mailbox name as the client wrote it, in the store's form. */
    public MailboxName mailbox(String wire) {
        String name = utf8Names() ? wire : ModifiedUtf7.decode(wire);
        if (name.equalsIgnoreCase("INBOX")) {
            return MailboxName.INBOX;
        }
        if (utf8) {
            netUnicode(name);
        }
        try {
            return MailboxName.of(name);
        } catch (IllegalArgumentException e) {
            throw new SyntaxError("invalid mailbox name: " + e.getMessage());
        }
    }

    /**
     * RFC 6855 §3: a UTF-8 mailbox name must be Net-Unicode (RFC 5198 §2, so in NFC) without control
     * characters, DEL, or the line and paragraph separators.
     */
    private static void netUnicode(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c >= 0x7f && c <= 0x9f || c == 0x2028 || c == 0x2029) {
                throw new SyntaxError("invalid mailbox name: control character");
            }
        }
        if (!Normalizer.isNormalized(name, Normalizer.Form.NFC)) {
            throw new SyntaxError("invalid mailbox name: not in Unicode NFC");
        }
    }

    /** A name as the client reads it, unquoted. */
    public String wire(MailboxName name) {
        return wire(name.path());
    }

    public String wire(String path) {
        return utf8Names() ? path : ModifiedUtf7.encode(path);
    }

    /** A list pattern as the client wrote it, in Unicode. */
    public String pattern(String wire) {
        return utf8Names() ? wire : ModifiedUtf7.decode(wire);
    }
}
