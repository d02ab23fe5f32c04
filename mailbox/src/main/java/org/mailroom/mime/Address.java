package org.mailroom.mime;

/**
 * One element of an address list in the shape of IMAP's ENVELOPE (RFC 9051 §7.5.2): personal name,
 * source route (at-domain-list), mailbox (local part) and host. Every string is raw header text:
 * encoded-words stay encoded, quoted strings lose their quotes and backslashes.
 *
 * <p>Group syntax (RFC 5322 §3.4) is flattened the IMAP way: a group start has the group's name as
 * {@code mailbox} and a null {@code host}; a group end has everything null. A mailbox written
 * without a domain gets the empty string as {@code host}, so that it is never taken for a group.
 */
public record Address(String name, String adl, String mailbox, String host) {

    public static Address groupStart(String groupName) {
        return new Address(null, null, groupName, null);
    }

    public static Address groupEnd() {
        return new Address(null, null, null, null);
    }

    public boolean isGroupStart() {
        return host == null && mailbox != null;
    }

    public boolean isGroupEnd() {
        return host == null && mailbox == null;
    }

    /** {@code mailbox@host}, or the bare mailbox when the host is missing; null for group markers. */
    public String address() {
        if (host == null) {
            return null;
        }
        return host.isEmpty() ? mailbox : mailbox + "@" + host;
    }
}
