package org.mailroom.imap.command;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import org.mailroom.imap.protocol.CommandReader;
import org.mailroom.imap.protocol.ResponseWriter;
import org.mailroom.imap.protocol.Syntax;
import org.mailroom.imap.protocol.SyntaxError;
import org.mailroom.imap.session.Dialect;
import org.mailroom.store.MailboxName;

/**
 * What GETMETADATA and SETMETADATA share (RFC 5464): entry names, the mailbox argument where ""
 * names the server (§4.1), the limits the server announces, and writing a value.
 */
final class MetadataEntries {

    /** Longest value accepted, in octets: [METADATA MAXSIZE] beyond it (RFC 5464 §4.3). */
    static final int MAX_VALUE = 16 * 1024;
    /** Entries on the server, or on one mailbox: [METADATA TOOMANY] beyond it (RFC 5464 §4.3). */
    static final int MAX_ENTRIES = 100;
    /** Longest entry name accepted. */
    static final int MAX_NAME = 256;

    private MetadataEntries() {
    }

    /** The mailbox argument: empty for the server (the empty string), else the mailbox. */
    static Optional<MailboxName> mailbox(CommandReader args, Dialect dialect) {
        String wire = args.astring();
        return wire.isEmpty() ? Optional.empty() : Optional.of(dialect.mailbox(wire));
    }

    /**
     * An entry name (RFC 5464 §3.2): a slash-separated path under /private or /shared, without
     * wildcards, empty components or a trailing slash, compared without case. A bare /private or
     * /shared only names a subtree to read ({@code root} allows it).
     */
    static String entry(CommandReader args, boolean root) {
        String entry = args.astring();
        String lower = entry.toLowerCase(Locale.ROOT);
        if (entry.length() > MAX_NAME) {
            throw new SyntaxError("entry name too long");
        }
        for (int i = 0; i < entry.length(); i++) {
            if (!Syntax.isAstringChar(entry.charAt(i))) {
                throw new SyntaxError("invalid character in an entry name");
            }
        }
        boolean bare = lower.equals("/private") || lower.equals("/shared");
        if (bare ? !root : !(lower.startsWith("/private/") || lower.startsWith("/shared/"))) {
            throw new SyntaxError("entry names start with /private/ or /shared/");
        }
        if (lower.contains("//") || lower.endsWith("/")) {
            throw new SyntaxError("invalid entry name");
        }
        return lower;
    }

    /** A value as the response carries it (RFC 5464 §5: nstring or literal8). */
    static void value(ResponseWriter out, byte[] value) {
        String text = new String(value, StandardCharsets.UTF_8);
        boolean ascii = true;
        boolean nul = false;
        for (byte b : value) {
            ascii &= b >= 0x20 && b < 0x7f;
            nul |= b == 0;
        }
        if (ascii && value.length <= 1024) {
            out.text(ResponseWriter.quote(text));
        } else {
            out.literal(value, nul);
        }
    }

    /** The mailbox as a METADATA response names it. */
    static String quoted(Dialect dialect, Optional<MailboxName> mailbox) {
        return mailbox.map(m -> MailboxArgument.quoted(dialect, m)).orElse("\"\"");
    }
}
