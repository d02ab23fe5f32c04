package org.mailroom.imap.command;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.mailroom.imap.protocol.CommandReader;
import org.mailroom.imap.protocol.SequenceSet;
import org.mailroom.imap.protocol.SyntaxError;
import org.mailroom.imap.session.Completion;
import org.mailroom.imap.session.Dialect;
import org.mailroom.imap.session.ImapSession;
import org.mailroom.imap.session.SelectedMailbox;
import org.mailroom.imap.session.SessionState;
import org.mailroom.store.FlagUpdate;
import org.mailroom.store.Flags;
import org.mailroom.store.MessageSummary;
import org.mailroom.store.UidSet;
import org.mailroom.store.UserMailboxes;

/**
 * STORE and UID STORE (RFC 9051 §6.4.6):
 * {@code store = "STORE" SP sequence-set SP store-att-flags},
 * {@code store-att-flags = (["+" / "-"] "FLAGS" [".SILENT"]) SP (flag-list / (flag *(SP flag)))}.
 * Without .SILENT every message of the set is answered with its flags (and UID for UID STORE).
 * RFC 7162 §3.1.3 adds {@code store-modifiers = SP "(" "UNCHANGEDSINCE" SP mod-sequence-valzer ")"}
 * after the set: messages changed since are left alone and named in {@code [MODIFIED set]}; once
 * CONDSTORE is on, every FETCH response carries MODSEQ, and .SILENT still answers each changed
 * message with its new MODSEQ.
 */
final class StoreCommand implements ImapCommand<StoreCommand.Request> {

    record Request(SequenceSet set, FlagUpdate update, boolean silent, OptionalLong unchangedSince) {
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
        OptionalLong unchangedSince = OptionalLong.empty();
        if (args.peek() == '(') {
            List<Long> since = args.list(() -> {
                if (!args.keyword().equals("UNCHANGEDSINCE")) {
                    throw new SyntaxError("unknown STORE modifier");
                }
                args.sp();
                return ModSeqArgument.valzer(args);
            }, false);
            if (since.size() > 1) {
                throw new SyntaxError("repeated STORE modifier");
            }
            unchangedSince = OptionalLong.of(since.get(0));
            args.sp();
        }
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
        return new Request(set, new FlagUpdate(mode, flags), silent, unchangedSince);
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
        if (r.unchangedSince().isPresent()) {
            session.sync().enableCondstore(); // RFC 7162 §3.1: a CONDSTORE enabling command
        }
        UserMailboxes.FlagsUpdated result = session.mailboxes().setFlags(s.id(), UidSet.ofUids(uids), r.update(),
                r.unchangedSince());
        List<MessageSummary> updated = result.updated();
        Map<Long, MessageSummary> now = new HashMap<>();
        for (MessageSummary m : updated) {
            now.put(m.uid(), m);
        }
        Set<Long> modified = new HashSet<>(result.modified());
        if (!r.silent()) {
            // Messages the update did not change are answered with their flags as they are.
            List<Long> unchanged = uids.stream().filter(u -> !now.containsKey(u) && !modified.contains(u)).toList();
            if (!unchanged.isEmpty()) {
                session.mailboxes().messages(s.id(), UidSet.ofUids(unchanged)).forEach(m -> now.put(m.uid(), m));
            }
        }
        session.remember(updated);
        boolean rev2 = session.dialect().rev2();
        boolean condstore = session.sync().condstore();
        boolean gone = false;
        List<Long> modifiedNumbers = new ArrayList<>();
        for (long uid : uids) {
            if (modified.contains(uid)) {
                modifiedNumbers.add(byUid ? uid : s.seqOf(uid));
                continue;
            }
            if (s.isExpungedPending(uid)) {
                gone = true;
                continue;
            }
            MessageSummary m = now.get(uid);
            if (m == null) {
                gone |= !r.silent(); // silent: unchanged messages were not read
                continue;
            }
            if (!r.silent()) {
                session.out().untagged(s.flagsFetch(s.seqOf(uid), uid, m.flags(), m.modSeq(), rev2, byUid));
            } else if (condstore && updated.contains(m)) {
                // RFC 7162 §3.1.3: .SILENT still reports the UID and new MODSEQ of what it changed.
                session.out().untagged(s.seqOf(uid) + " FETCH (UID " + uid + " MODSEQ (" + m.modSeq() + "))");
            }
        }
        if (!modifiedNumbers.isEmpty()) {
            modifiedNumbers.sort(null);
            String code = "[MODIFIED " + SequenceSet.format(modifiedNumbers) + "] ";
            return gone && !byUid ? Completion.no(code + "Some of the messages no longer exist")
                    : Completion.ok(code + "Conditional " + name() + " failed for some messages");
        }
        if (gone && !byUid) {
            return Completion.no("[EXPUNGEISSUED] Some of the messages no longer exist");
        }
        return Completion.ok(name() + " completed");
    }
}
