package org.mailroom.store;

import java.io.InputStream;
import java.util.Collection;
import java.util.List;

/**
 * An open, locked maildrop: the messages of INBOX as they were when it was opened. Closing without
 * {@link #commitDeletions} changes nothing, which is what a dropped connection must do (RFC 1939 §6).
 */
public interface Maildrop extends AutoCloseable {

    /** The INBOX's UIDVALIDITY, from which stable UIDL values are derived. */
    long uidValidity();

    /** The snapshot, in UID order; message number n is element n-1. */
    List<MaildropMessage> messages();

    /**
     * The message's full bytes, exactly {@link MaildropMessage#size()} of them.
     *
     * @throws StoreException {@link StoreError#EXPUNGED} if another session removed it meanwhile
     */
    InputStream open(long uid);

    /** Removes these messages in one transaction, publishes the expunges, and releases the lock. */
    void commitDeletions(Collection<Long> uids);

    /** Releases the lock; anything not committed stays as it was. */
    @Override
    void close();

    record MaildropMessage(long uid, long size) {
    }
}
