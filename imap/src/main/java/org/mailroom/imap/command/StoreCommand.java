package org.mailroom.imap.command;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.mailroom.imap.protocol.CommandReader;
import org.mailroom.imap.protocol.SequenceSet;
import org.mailroom.imap.protocol.SyntaxError;
import org.mailroom.imap.session.Completion;
import org.mailroom.imap.session.Dialect;
import org.mailroom.imap.session.FlagText;
import org.mailroom.imap.session.ImapSession;
import org.mailroom.imap.session.SelectedMailbox;
import org.mailroom.imap.session.SessionState;
import org.mailroom.store.FlagUpdate;
import org.mailroom.store.Flags;
import org.mailroom.store.MessageSummary;
import org.mailroom.store.UidSet;

/**
 * STORE and UID STORE (RFC 9051 §6.4.6):
 * {@code store = "STORE" SP sequence-set SP store-att-flags},
 * {@code store-att-flags = (["+" / "-"] "FLAGS" [".SILENT"]) SP (flag-list / (flag *(SP flag)))}.
 * Without .SILENT every message of the set is answered with its flags (and UID for UID STORE).
 */
final class StoreCommand implements ImapCommand<StoreCommand.Request> {

    record Request(SequenceSet set, FlagUpdate update, boolean silent) {
    }

    private final boolean byUid;

    StoreCommand(boolean byUid) {
        this.byUid = byUid;
    }

    @Override
    public String name() {
        return byUid ? "UID STORE" : "STORE";
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
    public Request parse(CommandReader args, Dialect dialect) {
        SequenceSet set = SequenceSet.read(args);
        args.sp();
        FlagUpdate.Mode mode = FlagUpdate.Mode.REPLACE;
        if (args.tryChar('+')) {
            mode = FlagUpdate.Mode.ADD;
        } else if (args.tryChar('-')) {
            mode = FlagUpdate.Mode.REMOVE;
        }
        String item = args.keyword();
        boolean silent = item.equals("FLAGS.SILENT");
        if (!silent && !item.equals("FLAGS")) {
            throw new SyntaxError("expected FLAGS or FLAGS.SILENT");
        }
        args.sp();
        Flags flags = FlagArgument.listOrBare(args);
        return new Request(set, new FlagUpdate(mode, flags), silent);
    }

    @Override
    public Completion execute(Request r, ImapSession session) {
        SelectedMailbox s = session.requireSelected();
        if (s.readOnly()) {
            return Completion.no("[READ-ONLY] Mailbox is read-only");
        }
        if (byUid) {
            session.tellUpdates(true);
        }
        List<Long> uids = s.resolve(r.set(), byUid);
        if (uids.isEmpty()) {
            return Completion.ok(name() + " completed");
        }
        List<MessageSummary> updated = session.mailboxes().setFlags(s.id(), UidSet.ofUids(uids), r.update(),
                OptionalLong.empty()).updated();
        Map<Long, Flags> now = new HashMap<>();
        for (MessageSummary m : updated) {
            now.put(m.uid(), m.flags());
        }
        session.remember(updated);
        boolean recentShown = !session.dialect().rev2();
        boolean gone = false;
        for (long uid : uids) {
            if (s.isExpungedPending(uid)) {
                gone = true;
                continue;
            }
            if (r.silent()) {
                continue;
            }
            Flags f = now.containsKey(uid) ? now.get(uid) : s.flags(uid);
            session.out().untagged(s.seqOf(uid) + " FETCH (FLAGS " + FlagText.of(f, recentShown && s.isRecent(uid))
                    + (byUid ? " UID " + uid : "") + ")");
        }
        if (gone && !byUid) {
            return Completion.no("[EXPUNGEISSUED] Some of the messages no longer exist");
        }
        return Completion.ok(name() + " completed");
    }
}
