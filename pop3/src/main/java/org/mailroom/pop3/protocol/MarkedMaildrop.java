package org.mailroom.pop3.protocol;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mailroom.store.Maildrop;
import org.mailroom.store.Maildrop.MaildropMessage;

/**
 * The locked maildrop of a session in the TRANSACTION state with its deletion marks (RFC 1939 §5):
 * message n is the n-th of the snapshot taken at login, for the whole session; DELE only marks, and
 * the marks are applied at QUIT, in the UPDATE state.
 */
public final class MarkedMaildrop {

    private final Maildrop drop;
    private final List<MaildropMessage> messages;
    private final boolean[] deleted;

    MarkedMaildrop(Maildrop drop) {
        this.drop = drop;
        this.messages = drop.messages();
        this.deleted = new boolean[messages.size()];
    }

    /** Every message of the snapshot, deleted or not, in message-number order. */
    public List<MaildropMessage> messages() {
        return messages;
    }

    public long uidValidity() {
        return drop.uidValidity();
    }

    public boolean exists(int number) {
        return number >= 1 && number <= messages.size();
    }

    public MaildropMessage get(int number) {
        return messages.get(number - 1);
    }

    public boolean isDeleted(int number) {
        return deleted[number - 1];
    }

    void mark(int number) {
        deleted[number - 1] = true;
    }

    void unmarkAll() {
        Arrays.fill(deleted, false);
    }

    /** Messages not marked deleted (STAT, RFC 1939 §5). */
    public int count() {
        int n = 0;
        for (boolean d : deleted) {
            if (!d) {
                n++;
            }
        }
        return n;
    }

    /** Their total size in octets. */
    public long octets() {
        long sum = 0;
        for (int i = 0; i < messages.size(); i++) {
            if (!deleted[i]) {
                sum += messages.get(i).size();
            }
        }
        return sum;
    }

    InputStream open(MaildropMessage message) {
        return drop.open(message.uid());
    }

    /** Removes the marked messages in one transaction and releases the lock; returns how many. */
    int commit() {
        List<Long> uids = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            if (deleted[i]) {
                uids.add(messages.get(i).uid());
            }
        }
        drop.commitDeletions(uids);
        return uids.size();
    }

    /** Releases the lock, nothing deleted. */
    void release() {
        drop.close();
    }
}
