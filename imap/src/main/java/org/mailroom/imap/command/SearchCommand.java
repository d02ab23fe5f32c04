package org.mailroom.imap.command;

import java.util.List;
import java.util.Set;
import org.mailroom.imap.protocol.CommandReader;
import org.mailroom.imap.search.Esearch;
import org.mailroom.imap.search.SearchEvaluator;
import org.mailroom.imap.search.SearchParser;
import org.mailroom.imap.search.SearchRequest;
import org.mailroom.imap.search.Searcher;
import org.mailroom.imap.session.Completion;
import org.mailroom.imap.session.Dialect;
import org.mailroom.imap.session.ImapSession;
import org.mailroom.imap.session.SelectedMailbox;
import org.mailroom.imap.session.SessionState;
import org.mailroom.store.MessageSummary;

/**
 * SEARCH and UID SEARCH (RFC 9051 §6.4.4, ESEARCH RFC 4731, SEARCHRES RFC 5182). IMAP4rev1 clients
 * get {@code * SEARCH} unless they ask for RETURN; IMAP4rev2 clients always get {@code * ESEARCH}.
 * SAVE keeps the result (as UIDs) for {@code $}. A search with MODSEQ enables CONDSTORE and its
 * result names the highest mod-sequence of the messages found (RFC 7162 §3.1.5, §3.1.6). CONTEXT=SEARCH
 * (RFC 5267 §4): PARTIAL gives a window of the result, UPDATE keeps it up to date with ADDTO and
 * REMOVEFROM, CONTEXT is a hint and changes nothing.
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
        return SearchParser.parse(args, dialect.utf8());
    }

    @Override
    public Completion execute(SearchRequest r, ImapSession session) {
        SelectedMailbox s = session.requireSelected();
        if (byUid) {
            session.tellUpdates(true);
        }
        Set<String> opts = r.returnOptions();
        boolean update = opts.contains("UPDATE") && Updates.accept(session, byUid, r.key());
        boolean modSeqSearch = SearchEvaluator.usesModSeq(r.key());
        if (modSeqSearch) {
            session.sync().enableCondstore(); // RFC 7162 §3.1: a CONDSTORE enabling command
        }
        List<MessageSummary> found = new Searcher(session.mailboxes(), s).matching(r.key());
        List<Long> uids = found.stream().map(MessageSummary::uid).toList();
        // RFC 7162 §3.1.5: a search with MODSEQ names the highest mod-sequence of the messages found
        String modSeqShown = modSeqSearch && !found.isEmpty()
                ? String.valueOf(found.stream().mapToLong(MessageSummary::modSeq).max().getAsLong()) : "";
        List<Long> numbers = byUid ? uids : uids.stream().map(u -> (long) s.seqOf(u)).toList();
        if (opts.contains("SAVE")) {
            s.saveResult(Esearch.saved(opts, r.partial(), uids));
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
            String response = Esearch.response(session.currentTag(), byUid, shown, r.partial(), numbers);
            // RFC 7162 §3.1.5 with ESEARCH (RFC 4731)
            session.out().untagged(modSeqShown.isEmpty() ? response : response + " MODSEQ " + modSeqShown);
        }
        if (update) {
            // RFC 5267 §4.1: a SEARCH context keeps mailbox (UID) order
            session.updateContexts().add(session.currentTag(), byUid, r.key(), null, uids);
        }
        return Completion.ok(name() + " completed");
    }
}
