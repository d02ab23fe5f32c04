package org.mailroom.imap.sort;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mailroom.imap.search.ResultOrder;
import org.mailroom.store.MessageSummary;
import org.mailroom.store.UidSet;
import org.mailroom.store.UserMailboxes;

/**
 * Sorts messages by criteria (RFC 5256 §3, RFC 5957). Only ARRIVAL and SIZE are pure summary keys;
 * the others come from the envelope computed at delivery, read with {@link UserMailboxes#headers}
 * without the header bytes: a SORT reads no message content at all. Also the order of an updating
 * SORT context (RFC 5267 §4.3.2).
 */
public final class Sorter implements ResultOrder {

    private final UserMailboxes store;
    private final long mailboxId;
    private final Set<SortCriterion.Key> keys;
    private final Comparator<SortValues> order;
    private final Map<Long, SortValues> known = new HashMap<>();

    public Sorter(UserMailboxes store, long mailboxId, List<SortCriterion> criteria) {
        this.store = store;
        this.mailboxId = mailboxId;
        this.keys = EnumSet.noneOf(SortCriterion.Key.class);
        criteria.forEach(c -> keys.add(c.key()));
        this.order = SortValues.order(criteria);
    }

    /** The messages' UIDs in the requested order; messages expunged meanwhile are left out. */
    public List<Long> sort(List<MessageSummary> messages) {
        learn(messages);
        List<SortValues> values = new ArrayList<>();
        for (MessageSummary m : messages) {
            SortValues v = known.get(m.uid());
            if (v != null) {
                values.add(v);
            }
        }
        values.sort(order);
        return values.stream().map(SortValues::uid).toList();
    }

    @Override
    public void learn(List<MessageSummary> messages) {
        if (messages.isEmpty()) {
            return;
        }
        EnumSet<SortCriterion.Key> envelopeKeys = EnumSet.copyOf(keys);
        envelopeKeys.removeAll(EnumSet.of(SortCriterion.Key.ARRIVAL, SortCriterion.Key.SIZE));
        if (envelopeKeys.isEmpty()) {
            messages.forEach(m -> known.put(m.uid(), SortValues.of(m, org.mailroom.mime.Envelope.EMPTY, keys)));
            return;
        }
        Map<Long, MessageSummary> byUid = new HashMap<>();
        messages.forEach(m -> byUid.put(m.uid(), m));
        UidSet uids = UidSet.ofUids(byUid.keySet().stream().sorted().toList());
        for (SortValues v : store.headers(mailboxId, uids, false,
                h -> SortValues.of(byUid.get(h.uid()), h.structure().envelope(), keys))) {
            known.put(v.uid(), v);
        }
    }

    @Override
    public int compare(long uidA, long uidB) {
        return order.compare(known.get(uidA), known.get(uidB));
    }

    @Override
    public void forget(long uid) {
        known.remove(uid);
    }
}
