package org.mailroom.imap.search;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mailroom.imap.protocol.SequenceSet;
import org.mailroom.imap.session.SelectedMailbox;
import org.mailroom.store.MessageHeader;
import org.mailroom.store.MessageSummary;
import org.mailroom.store.UidSet;
import org.mailroom.store.UserMailboxes;

/**
 * Runs a search program over the selected mailbox's messages, as SEARCH, SORT and THREAD share it.
 * Keys on flags, dates, sizes and numbers use the store's summaries only; when the program reads
 * header fields but no body, the headers are read in batches ({@link UserMailboxes#headers}), one
 * transaction per batch rather than two reads per message.
 */
public final class Searcher {

    /** Messages whose headers are read in one transaction. */
    static final int HEADER_BATCH = 256;

    private final UserMailboxes store;
    private final SelectedMailbox selected;
    private final SearchEvaluator evaluator;

    public Searcher(UserMailboxes store, SelectedMailbox selected) {
        this.store = store;
        this.selected = selected;
        this.evaluator = new SearchEvaluator(store, selected.id(), view(selected));
    }

    /** The messages in view that match, in UID (and so sequence) order. */
    public List<MessageSummary> matching(SearchKey key) {
        List<Long> all = selected.allUids();
        if (all.isEmpty()) {
            return List.of();
        }
        return matching(key, store.messages(selected.id(), UidSet.ofUids(all)));
    }

    /** Those of {@code candidates} (in UID order) that are in view and match. */
    public List<MessageSummary> matching(SearchKey key, List<MessageSummary> candidates) {
        List<MessageSummary> out = new ArrayList<>();
        if (!SearchEvaluator.needsHeaderOnly(key)) {
            for (MessageSummary m : candidates) {
                if (selected.seqOf(m.uid()) > 0 && evaluator.matches(key, m)) {
                    out.add(m);
                }
            }
            return out;
        }
        for (int from = 0; from < candidates.size(); from += HEADER_BATCH) {
            List<MessageSummary> batch = candidates.subList(from, Math.min(candidates.size(), from + HEADER_BATCH));
            Map<Long, MessageHeader> headers = new HashMap<>();
            store.headers(selected.id(), UidSet.ofUids(batch.stream().map(MessageSummary::uid).toList()), true,
                    h -> h).forEach(h -> headers.put(h.uid(), h));
            for (MessageSummary m : batch) {
                MessageHeader h = headers.get(m.uid());
                if (h != null && selected.seqOf(m.uid()) > 0 && evaluator.matches(key, m, h)) {
                    out.add(m);
                }
            }
        }
        return out;
    }

    private static SearchEvaluator.SessionView view(SelectedMailbox s) {
        return new SearchEvaluator.SessionView() {
            @Override
            public int seq(long uid) {
                return s.seqOf(uid);
            }

            @Override
            public boolean recent(long uid) {
                return s.isRecent(uid);
            }

            @Override
            public int exists() {
                return s.exists();
            }

            @Override
            public long highestUid() {
                return s.exists() == 0 ? 0 : s.uidAt(s.exists());
            }

            @Override
            public List<Long> saved() {
                return s.resolve(new SequenceSet(List.of(), true), true);
            }
        };
    }
}
