package org.mailroom.imap.command;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mailroom.imap.protocol.CommandReader;
import org.mailroom.imap.protocol.SyntaxError;
import org.mailroom.imap.search.SearchParser;
import org.mailroom.imap.search.Searcher;
import org.mailroom.imap.session.Completion;
import org.mailroom.imap.session.Dialect;
import org.mailroom.imap.session.ImapSession;
import org.mailroom.imap.session.SelectedMailbox;
import org.mailroom.imap.session.SessionState;
import org.mailroom.imap.thread.ThreadFormat;
import org.mailroom.imap.thread.ThreadMessage;
import org.mailroom.imap.thread.ThreadNode;
import org.mailroom.imap.thread.ThreadRequest;
import org.mailroom.imap.thread.Threading;
import org.mailroom.store.MessageSummary;
import org.mailroom.store.UidSet;
import org.mailroom.text.ClientText;

/**
 * THREAD and UID THREAD (RFC 5256 §4): {@code thread = ["UID" SP] "THREAD" SP thread-alg SP
 * search-criteria}, answered with {@code * THREAD} and the thread lists. ORDEREDSUBJECT reads only
 * the envelopes stored at delivery; REFERENCES also the header bytes, for the References field,
 * never a body.
 */
final class ThreadCommand implements ImapCommand<ThreadRequest> {

    private final boolean byUid;

    ThreadCommand(boolean byUid) {
        this.byUid = byUid;
    }

    @Override
    public String name() {
        return byUid ? "UID THREAD" : "THREAD";
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
    public ThreadRequest parse(CommandReader args, Dialect dialect) {
        String name = args.atom();
        Threading algorithm = Threading.named(name);
        if (algorithm == null) {
            throw new SyntaxError("unknown threading algorithm " + ClientText.sanitize(name));
        }
        args.sp();
        SearchParser.charset(args.astring(), dialect.utf8());
        args.sp();
        return new ThreadRequest(algorithm, SearchParser.program(args));
    }

    @Override
    public Completion execute(ThreadRequest r, ImapSession session) {
        SelectedMailbox s = session.requireSelected();
        if (byUid) {
            session.tellUpdates(true);
        }
        List<MessageSummary> found = new Searcher(session.mailboxes(), s).matching(r.key());
        StringBuilder sb = new StringBuilder("THREAD");
        if (!found.isEmpty()) {
            Map<Long, MessageSummary> byUidMap = new HashMap<>();
            found.forEach(m -> byUidMap.put(m.uid(), m));
            List<ThreadMessage> messages = session.mailboxes().headers(s.id(),
                    UidSet.ofUids(found.stream().map(MessageSummary::uid).toList()),
                    r.algorithm() == Threading.REFERENCES, h -> ThreadMessage.of(byUidMap.get(h.uid()), h));
            List<ThreadNode> threads = r.algorithm().thread(messages);
            sb.append(' ').append(ThreadFormat.format(threads, uid -> byUid ? uid : s.seqOf(uid)));
        }
        session.out().untagged(sb.toString());
        return Completion.ok(name() + " completed");
    }
}
