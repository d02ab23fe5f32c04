package org.mailroom.imap.fetch;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mailroom.imap.command.DateArgument;
import org.mailroom.imap.protocol.ResponseWriter;
import org.mailroom.mime.MessageStructure;
import org.mailroom.store.MessageSummary;
import org.mailroom.store.UidSet;
import org.mailroom.store.UserMailboxes;

/**
 * Writes EMAILID, THREADID (RFC 8474 §5.3), SAVEDATE (RFC 8514 §4.2) and PREVIEW (RFC 8970 §3.2) of
 * one message. Identities are read for every message of the FETCH at once, when first asked for.
 */
final class MessageAttributes {

    private final UserMailboxes store;
    private final long mailboxId;
    private List<MessageSummary> batch = List.of();
    private Map<Long, UserMailboxes.MessageIdentity> identities;

    MessageAttributes(UserMailboxes store, long mailboxId) {
        this.store = store;
        this.mailboxId = mailboxId;
    }

    void prepare(List<MessageSummary> messages) {
        batch = messages;
    }

    void write(FetchItem.Attribute a, MessageSummary m, ResponseWriter out) {
        switch (a) {
            case EMAILID -> out.text("EMAILID (" + ObjectIds.emailId(identity(m).contentId()) + ")");
            // RFC 8474 §5.2: without thread computation THREADID is NIL (and SEARCH THREADID matches nothing).
            case THREADID -> out.text("THREADID NIL");
            case SAVEDATE -> out.text("SAVEDATE \"" + DateArgument.format(identity(m).saveDate()) + "\"");
            case PREVIEW, PREVIEW_LAZY -> {
                // Computed on demand (see Preview): cheap enough that LAZY gets it too, never NIL.
                MessageStructure st = store.structure(mailboxId, m.uid());
                out.text("PREVIEW ");
                out.string(Preview.of(st, store, mailboxId, m.uid()));
            }
        }
    }

    private UserMailboxes.MessageIdentity identity(MessageSummary m) {
        if (identities == null || !identities.containsKey(m.uid())) {
            List<MessageSummary> wanted = batch.stream().anyMatch(b -> b.uid() == m.uid()) ? batch : List.of(m);
            identities = new HashMap<>();
            for (UserMailboxes.MessageIdentity id : store.identities(mailboxId,
                    UidSet.ofUids(wanted.stream().map(MessageSummary::uid).toList()))) {
                identities.put(id.uid(), id);
            }
        }
        UserMailboxes.MessageIdentity id = identities.get(m.uid());
        if (id == null) {
            throw new org.mailroom.store.StoreException(org.mailroom.store.StoreError.EXPUNGED, "expunged");
        }
        return id;
    }
}
