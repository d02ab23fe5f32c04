package org.mailroom.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A mailbox's full name, with {@code /} as the hierarchy separator, in Unicode (IMAP modified UTF-7
 * is the protocol module's concern). {@code INBOX} is case-insensitive (RFC 9051 §5.1) and always
 * spelled in capitals here.
 */
public record MailboxName(String path) implements Comparable<MailboxName> {

    public static final char SEPARATOR = '/';
    public static final int MAX_LENGTH = 512;
    public static final MailboxName INBOX = new MailboxName("INBOX");

    public MailboxName {
        if (path == null || path.isEmpty() || path.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a mailbox name must be 1 to 512 characters");
        }
        if (path.charAt(0) == SEPARATOR || path.charAt(path.length() - 1) == SEPARATOR || path.contains("//")) {
            throw new IllegalArgumentException("a mailbox name may not have an empty level");
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '*' || c == '%') {
                throw new IllegalArgumentException("a mailbox name may not contain control characters, '*' or '%'");
            }
        }
        int slash = path.indexOf(SEPARATOR);
        String first = slash < 0 ? path : path.substring(0, slash);
        if (first.equalsIgnoreCase("INBOX")) {
            path = "INBOX" + path.substring(first.length());
        }
    }

    public static MailboxName of(String path) {
        return new MailboxName(path);
    }

    public boolean isInbox() {
        return path.equals("INBOX");
    }

    public Optional<MailboxName> parent() {
        int slash = path.lastIndexOf(SEPARATOR);
        return slash < 0 ? Optional.empty() : Optional.of(new MailboxName(path.substring(0, slash)));
    }

    /** This name and every ancestor, outermost first. */
    public List<MailboxName> lineage() {
        List<MailboxName> out = new ArrayList<>();
        for (int i = path.indexOf(SEPARATOR); i >= 0; i = path.indexOf(SEPARATOR, i + 1)) {
            out.add(new MailboxName(path.substring(0, i)));
        }
        out.add(this);
        return out;
    }

    public boolean isDescendantOf(MailboxName ancestor) {
        return path.startsWith(ancestor.path + SEPARATOR);
    }

    /** The name this one gets when {@code from} (itself or an ancestor) is renamed to {@code to}. */
    public MailboxName renamed(MailboxName from, MailboxName to) {
        if (equals(from)) {
            return to;
        }
        if (!isDescendantOf(from)) {
            throw new IllegalArgumentException(path + " is not under " + from.path);
        }
        return new MailboxName(to.path + path.substring(from.path.length()));
    }

    @Override
    public int compareTo(MailboxName o) {
        return path.compareTo(o.path);
    }

    @Override
    public String toString() {
        return path;
    }
}
