package org.mailroom.store;

import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * One account's annotations (IMAP METADATA, RFC 5464 §3): entries on the server (no mailbox) and on
 * each of its mailboxes. Entry names are full paths starting with {@code /private/} or {@code /shared/},
 * compared without case; values are octets. An entry goes with its mailbox (deleted with it, kept
 * across RENAME) and with its account.
 */
public interface UserMetadata {

    /** The longest value a store keeps, in octets. */
    int MAX_VALUE = 32672;

    /**
     * Every entry of the server ({@code mailbox} empty) or of a mailbox, by lower-case name.
     *
     * @throws StoreException NOT_FOUND if the mailbox does not exist
     */
    SortedMap<String, byte[]> entries(Optional<MailboxName> mailbox);

    /**
     * Sets the entries with a value and removes those without, all or none. Nothing changes, and
     * false is returned, if the server or mailbox would then hold more than {@code maxEntries} entries.
     *
     * @throws StoreException NOT_FOUND if the mailbox does not exist
     */
    boolean set(Optional<MailboxName> mailbox, Map<String, Optional<byte[]>> changes, int maxEntries);
}
