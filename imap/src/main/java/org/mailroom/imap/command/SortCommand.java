package org.mailroom.imap.command;

import java.util.List;
import java.util.Set;
import org.mailroom.imap.protocol.CommandReader;
import org.mailroom.imap.search.Esearch;
import org.mailroom.imap.search.ReturnOptions;
import org.mailroom.imap.search.Searcher;
import org.mailroom.imap.session.Completion;
import org.mailroom.imap.session.Dialect;
import org.mailroom.imap.session.ImapSession;
import org.mailroom.imap.session.SelectedMailbox;
import org.mailroom.imap.session.SessionState;
import org.mailroom.imap.sort.SortParser;
import org.mailroom.imap.sort.SortRequest;
import org.mailroom.imap.sort.Sorter;
import org.mailroom.store.MessageSummary;

/**
 * SORT and UID SORT (RFC 5256 §3, display keys RFC 5957): {@code * SORT} with the numbers in the
 * requested order. With RETURN (ESORT and CONTEXT=SORT, RFC 5267 §3, §4) the answer is an ESEARCH
 * in sort order: MIN and MAX are the first and last sorted messages, PARTIAL a window of the sorted
 * result, UPDATE keeps the result up to date with positions in the sort order.
 */
final class SortCommand implements ImapCommand<SortRequest> {

    private final boolean byUid;

    SortCommand(boolean byUid) {
        this.byUid = byUid;
    }

    @Override
    public String name() {
        return byUid ? "UID SORT" : "SORT";
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
    public SortRequest parse(CommandReader args, Dialect dialect) {
        return SortParser.parse(args, dialect.utf8());
    }

    @Override
    public Completion execute(SortRequest r, ImapSession session) {
        SelectedMailbox s = session.requireSelected();
        if (byUid) {
            session.tellUpdates(true);
        }
        ReturnOptions returns = r.returns();
        boolean update = returns != null && returns.options().contains("UPDATE") && Updates.accept(session, byUid, r.key());
        List<MessageSummary> found = new Searcher(session.mailboxes(), s).matching(r.key());
        Sorter sorter = new Sorter(session.mailboxes(), s.id(), r.criteria());
        List<Long> uids = sorter.sort(found);
        List<Long> numbers = byUid ? uids : uids.stream().map(u -> (long) s.seqOf(u)).toList();
        if (returns == null) {
            StringBuilder sb = new StringBuilder("SORT");
            numbers.forEach(n -> sb.append(' ').append(n));
            session.out().untagged(sb.toString());
            return Completion.ok(name() + " completed");
        }
        Set<String> opts = returns.options();
        if (opts.contains("SAVE")) {
            s.saveResult(Esearch.saved(opts, returns.partial(), uids));
        }
        if (!(opts.size() == 1 && opts.contains("SAVE"))) {
            session.out().untagged(Esearch.response(session.currentTag(), byUid, opts, returns.partial(), numbers));
        }
        if (update) {
            session.updateContexts().add(session.currentTag(), byUid, r.key(), sorter, uids);
        }
        return Completion.ok(name() + " completed");
    }
}
