package org.mailroom.imap.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.mailroom.imap.protocol.ResponseWriter;
import org.mailroom.imap.session.SelectedMailbox;
import org.mailroom.store.MailboxEvent;
import org.mailroom.store.MessageSummary;
import org.mailroom.store.UidSet;
import org.mailroom.store.UserMailboxes;

/**
 * A session's updating contexts (RFC 5267 §4.3): searches and sorts run with RETURN (UPDATE), whose
 * client is told, in unsolicited ESEARCH responses, which messages join (ADDTO) and leave
 * (REMOVEFROM) the result as messages arrive, change flags or are expunged. Contexts end with
 * CANCELUPDATE or when the mailbox is no longer selected.
 *
 * <p>Contexts of SEARCH and SORT without UID are told in sequence numbers: a message leaving the
 * result because it is expunged is told by {@link #expunging}, just before its EXPUNGE (RFC 5267
 * §4.3.4), new ones after the EXISTS that numbers them (§4.3.3). The changes are re-evaluated
 * message by message from the store, so handling one twice is harmless.
 */
public final class UpdateContexts {

    /** Contexts per session (RFC 5267 §4.3.1: at least one; more are refused with NOUPDATE). */
    public static final int MAX = 8;

    private final Map<String, UpdateContext> contexts = new LinkedHashMap<>();
    private final ConcurrentLinkedQueue<Long> changed = new ConcurrentLinkedQueue<>();

    /** A committed change of the selected mailbox; called on the publisher's thread, so it only queues. */
    public void enqueue(MailboxEvent event) {
        if (event instanceof MailboxEvent.MessagesAdded a) {
            changed.addAll(a.uids());
        } else if (event instanceof MailboxEvent.FlagsChanged f) {
            f.messages().forEach(m -> changed.add(m.uid()));
        } else if (event instanceof MailboxEvent.MessagesExpunged x) {
            changed.addAll(x.uids());
        }
    }

    public boolean inUse(String tag) {
        return contexts.containsKey(tag);
    }

    public boolean full() {
        return contexts.size() >= MAX;
    }

    /** Starts updating the result of the command tagged {@code tag} (UIDs, in the result's order). */
    public void add(String tag, boolean byUid, SearchKey key, ResultOrder order, List<Long> uids) {
        contexts.put(tag, new UpdateContext(tag, byUid, key, order, uids));
    }

    /**
     * A message is about to be told expunged with sequence number {@code seq}: contexts in sequence
     * numbers tell its removal first, while the number is still valid (RFC 5267 §4.3.4).
     */
    public void expunging(long uid, int seq, ResponseWriter out) {
        for (UpdateContext c : contexts.values()) {
            if (!c.byUid() && c.has(uid)) {
                write(c, c.apply(Set.of(uid), List.of(), u -> seq), out);
            }
        }
    }

    /** CANCELUPDATE (RFC 5267 §4.3.5); false if no context has that tag. */
    public boolean cancel(String tag) {
        return contexts.remove(tag) != null;
    }

    /** The mailbox is closed or another is selected: every context ends. */
    public void clear() {
        contexts.clear();
        changed.clear();
    }

    /**
     * Tells each context's client how its result changed since the last time (RFC 5267 §4.3.3: after
     * the EXISTS that announced new messages, which the caller has already sent).
     */
    public void tell(UserMailboxes store, SelectedMailbox selected, ResponseWriter out) {
        Set<Long> affected = new TreeSet<>();
        Long uid;
        while ((uid = changed.poll()) != null) {
            affected.add(uid);
        }
        if (contexts.isEmpty() || affected.isEmpty()) {
            return;
        }
        List<MessageSummary> now = store.messages(selected.id(), UidSet.ofUids(affected));
        Searcher searcher = new Searcher(store, selected);
        for (UpdateContext c : contexts.values()) {
            Set<Long> matching = new TreeSet<>();
            searcher.matching(c.key(), now).forEach(m -> matching.add(m.uid()));
            Set<Long> removed = new TreeSet<>();
            for (long u : affected) {
                if (!matching.contains(u) && c.has(u)) {
                    removed.add(u);
                }
            }
            List<Long> added = new ArrayList<>();
            List<MessageSummary> addedMessages = new ArrayList<>();
            for (MessageSummary m : now) {
                if (matching.contains(m.uid()) && !c.has(m.uid())) {
                    added.add(m.uid());
                    addedMessages.add(m);
                }
            }
            if (c.order() != null && !addedMessages.isEmpty()) {
                c.order().learn(addedMessages);
            }
            write(c, c.apply(removed, added, c.byUid() ? u -> u : u -> selected.seqOf(u)), out);
        }
    }

    private static void write(UpdateContext c, String data, ResponseWriter out) {
        if (!data.isEmpty()) {
            out.untagged("ESEARCH (TAG " + ResponseWriter.quote(c.tag()) + ")" + (c.byUid() ? " UID" : "") + data);
        }
    }
}
