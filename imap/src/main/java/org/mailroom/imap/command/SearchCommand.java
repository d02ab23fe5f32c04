package org.mailroom.imap.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.mailroom.imap.protocol.CommandReader;
import org.mailroom.imap.protocol.ResponseWriter;
import org.mailroom.imap.protocol.SequenceSet;
import org.mailroom.imap.search.SearchEvaluator;
import org.mailroom.imap.search.SearchKey;
import org.mailroom.imap.search.SearchParser;
import org.mailroom.imap.search.SearchRequest;
import org.mailroom.imap.session.Completion;
import org.mailroom.imap.session.Dialect;
import org.mailroom.imap.session.ImapSession;
import org.mailroom.imap.session.SelectedMailbox;
import org.mailroom.imap.session.SessionState;
import org.mailroom.store.MessageSummary;
import org.mailroom.store.UidSet;

/**
 * SEARCH and UID SEARCH (RFC 9051 §6.4.4, ESEARCH RFC 4731, SEARCHRES RFC 5182). IMAP4rev1 clients
 * get {@code * SEARCH} unless they ask for RETURN; IMAP4rev2 clients always get {@code * ESEARCH}.
 * SAVE keeps the result (as UIDs) for {@code $}. A search with MODSEQ enables CONDSTORE and its
 * result names the highest mod-sequence of the messages found (RFC 7162 §3.1.5, §3.1.6).
 */
final class SearchCommand implements ImapCommand<SearchRequest> {

    private final boolean byUid;

    SearchCommand(boolean byUid) {
        this.byUid = byUid;
    }

    @Override
    public String name() {
        return byUid ? "UID SEARCH" : "SEARCH";
    }

    @Override
    public Set<SessionState> states() {
        return SessionState.WITH_MAILBOX;
    }

    @Override
    public boolean mayExpunge() {
        return byUid;
    }

    @Override
    public SearchRequest parse(CommandReader args, Dialect dialect) {
        return SearchParser.parse(args);
    }

    @Override
    public Completion execute(SearchRequest r, ImapSession session) {
        SelectedMailbox s = session.requireSelected();
        if (byUid) {
            session.tellUpdates(true);
        }
        List<Long> all = s.allUids();
        SearchEvaluator.SessionView view = new SearchEvaluator.SessionView() {
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
                return all.isEmpty() ? 0 : all.get(all.size() - 1);
            }

            @Override
            public List<Long> saved() {
                return s.resolve(new SequenceSet(List.of(), true), true);
            }
        };
        SearchEvaluator evaluator = new SearchEvaluator(session.mailboxes(), s.id(), view);
        List<Long> uids = new ArrayList<>();
        boolean modSeqSearch = usesModSeq(r.key());
        if (modSeqSearch) {
            session.sync().enableCondstore(); // RFC 7162 §3.1: a CONDSTORE enabling command
        }
        long highestModSeq = 0;
        if (!all.isEmpty()) {
            for (MessageSummary m : session.mailboxes().messages(s.id(), UidSet.ofUids(all))) {
                if (s.seqOf(m.uid()) > 0 && evaluator.matches(r.key(), m)) {
                    uids.add(m.uid());
                    highestModSeq = Math.max(highestModSeq, m.modSeq());
                }
            }
        }
        String modSeqShown = modSeqSearch && !uids.isEmpty() ? String.valueOf(highestModSeq) : "";
        List<Long> numbers = byUid ? uids : uids.stream().map(u -> (long) s.seqOf(u)).toList();
        Set<String> opts = r.returnOptions();
        if (opts.contains("SAVE")) {
            boolean onlyMinMax = !opts.contains("ALL") && !opts.contains("COUNT")
                    && (opts.contains("MIN") || opts.contains("MAX"));
            List<Long> saved = uids;
            if (onlyMinMax && !uids.isEmpty()) {
                saved = new ArrayList<>();
                if (opts.contains("MIN")) {
                    saved.add(uids.get(0));
                }
                if (opts.contains("MAX") && uids.size() > 1) {
                    saved.add(uids.get(uids.size() - 1));
                }
            }
            s.saveResult(saved);
        }
        if (!r.extended() && !session.dialect().rev2()) {
            StringBuilder sb = new StringBuilder("SEARCH");
            numbers.forEach(n -> sb.append(' ').append(n));
            if (!modSeqShown.isEmpty()) {
                sb.append(" (MODSEQ ").append(modSeqShown).append(')');
            }
            session.out().untagged(sb.toString());
        } else if (!(opts.size() == 1 && opts.contains("SAVE"))) {
            Set<String> shown = opts.isEmpty() ? Set.of("ALL") : opts;
            StringBuilder sb = new StringBuilder("ESEARCH (TAG ").append(ResponseWriter.quote(session.currentTag()))
                    .append(")");
            if (byUid) {
                sb.append(" UID");
            }
            if (!numbers.isEmpty()) {
                if (shown.contains("MIN")) {
                    sb.append(" MIN ").append(numbers.get(0));
                }
                if (shown.contains("MAX")) {
                    sb.append(" MAX ").append(numbers.get(numbers.size() - 1));
                }
                if (shown.contains("ALL")) {
                    sb.append(" ALL ").append(SequenceSet.format(numbers));
                }
            }
            if (shown.contains("COUNT")) {
                sb.append(" COUNT ").append(numbers.size());
            }
            if (!modSeqShown.isEmpty()) {
                sb.append(" MODSEQ ").append(modSeqShown); // RFC 7162 §3.1.5 with ESEARCH (RFC 4731)
            }
            session.out().untagged(sb.toString());
        }
        return Completion.ok(name() + " completed");
    }

    private static boolean usesModSeq(SearchKey key) {
        if (key instanceof SearchKey.ModSeq) {
            return true;
        }
        if (key instanceof SearchKey.Not n) {
            return usesModSeq(n.key());
        }
        if (key instanceof SearchKey.Or o) {
            return usesModSeq(o.a()) || usesModSeq(o.b());
        }
        return key instanceof SearchKey.And a && a.keys().stream().anyMatch(SearchCommand::usesModSeq);
    }
}
