package org.mailroom.imap.session;

import org.mailroom.store.MailboxEvent;

/**
 * What NOTIFY (RFC 5465) asks of a session: to hear every committed change of the account and to tell
 * the client of it between commands, without waiting for the next command's end.
 */
public interface Notifications {

    /**
     * A committed change, on the publishing thread: only queues.
     *
     * @param selectedId the selected mailbox's id, or -1
     * @return whether the client is to be told something
     */
    boolean onEvent(MailboxEvent event, long selectedId);

    /** Tells the client what was queued; runs in the session's order, between commands. */
    void tell(ImapSession session);
}
