package org.mailroom.imap.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import org.mailroom.imap.protocol.CommandReader;
import org.mailroom.imap.protocol.ResponseWriter;
import org.mailroom.imap.protocol.SequenceSet;
import org.mailroom.imap.protocol.SyntaxError;
import org.mailroom.imap.session.CommandFailed;
import org.mailroom.imap.session.Completion;
import org.mailroom.imap.session.Dialect;
import org.mailroom.imap.session.ImapSession;
import org.mailroom.imap.session.SelectedMailbox;
import org.mailroom.imap.session.SessionState;
import org.mailroom.store.MailboxInfo;
import org.mailroom.store.MailboxName;
import org.mailroom.store.UserMailboxes;

/**
 * SELECT and EXAMINE (RFC 9051 §6.3.2–6.3.3) with the parameters of RFC 7162 §3.1.8 and §3.2.5:
 * {@code select = "SELECT" SP mailbox [SP "(" select-param *(SP select-param) ")"]},
 * {@code select-param = "CONDSTORE" / "QRESYNC" SP "(" uidvalidity SP mod-sequence-value [SP known-uids]
 * [SP seq-match-data] ")"}. A failed SELECT leaves no mailbox selected. IMAP4rev1 clients also get
 * RECENT and UNSEEN; IMAP4rev2 and QRESYNC clients get {@code [CLOSED]} when a mailbox was selected
 * before (RFC 9051 §7.1, RFC 7162 §3.2.11). The work does not grow with the mailbox beyond reading its
 * UIDs: counters, keywords and the first unseen message come from the store without listing messages.
 */
final class SelectCommand implements ImapCommand<SelectCommand.Request> {

    static final String SYSTEM_FLAGS = "\\Answered \\Flagged \\Deleted \\Seen \\Draft";

    /** What the client knew when it left (RFC 7162 §3.2.5.1); {@code knownUids} is empty for "all". */
    record Resync(long uidValidity, long modSeq, Optional<SequenceSet> knownUids,
                  Optional<SequenceSet> knownSequences, Optional<SequenceSet> knownSequenceUids) {
    }

    record Request(MailboxName mailbox, boolean condstore, Optional<Resync> resync) {
    }

    private final boolean readOnly;

    SelectCommand(boolean readOnly) {
        this.readOnly = readOnly;
    }

    @Override
    public String name() {
        return readOnly ? "EXAMINE" : "SELECT";
    }

    @Override
    public Set<SessionState> states() {
        return SessionState.LOGGED_IN;
    }

    @Override
    public Request parse(CommandReader args, Dialect dialect) {
        MailboxName name = dialect.mailbox(args.astring());
        boolean condstore = false;
        Optional<Resync> resync = Optional.empty();
        if (args.startsWithIgnoreCase(" (")) {
            args.sp();
            boolean[] cond = new boolean[1];
            List<Resync> qresync = new ArrayList<>();
            args.list(() -> {
                String param = args.keyword();
                if (param.equals("CONDSTORE") && !cond[0]) {
                    cond[0] = true;
                } else if (param.equals("QRESYNC") && qresync.isEmpty()) {
                    args.sp();
                    qresync.add(resync(args));
                } else {
                    throw new SyntaxError("unknown or repeated SELECT parameter");
                }
                return param;
            }, false);
            condstore = cond[0];
            resync = qresync.stream().findFirst();
        }
        return new Request(name, condstore, resync);
    }

    private static Resync resync(CommandReader args) {
        args.expect('(');
        long uidValidity = args.nzNumber32();
        args.sp();
        long modSeq = ModSeqArgument.value(args);
        Optional<SequenceSet> known = Optional.empty();
        Optional<SequenceSet> seqs = Optional.empty();
        Optional<SequenceSet> seqUids = Optional.empty();
        if (args.trySp()) {
            if (args.peek() != '(') {
                known = Optional.of(SequenceSet.read(args));
                if (args.trySp()) {
                    args.expect('(');
                } else {
                    args.expect(')');
                    return new Resync(uidValidity, modSeq, known, seqs, seqUids);
                }
            } else {
                args.expect('(');
            }
            // seq-match-data = "(" known-sequence-set SP known-uid-set ")"
            seqs = Optional.of(SequenceSet.read(args));
            args.sp();
            seqUids = Optional.of(SequenceSet.read(args));
            args.expect(')');
            if (count(seqs.get()) != count(seqUids.get())) {
                throw new SyntaxError("known-sequence-set and known-uid-set differ in length");
            }
        }
        args.expect(')');
        return new Resync(uidValidity, modSeq, known, seqs, seqUids);
    }

    /** How many numbers a set without {@code *} names, -1 if it uses {@code *} or {@code $}. */
    private static long count(SequenceSet set) {
        long n = 0;
        for (SequenceSet.Range r : set.ranges()) {
            if (r.from() == SequenceSet.STAR || r.to() == SequenceSet.STAR) {
                return -1;
            }
            n += Math.abs(r.to() - r.from()) + 1;
        }
        return set.saved() ? -1 : n;
    }

    @Override
    public Completion execute(Request r, ImapSession session) {
        if (r.resync().isPresent() && !session.sync().qresync()) {
            // RFC 7162 §3.2.5: the QRESYNC parameter without ENABLE QRESYNC is BAD.
            return Completion.bad("QRESYNC parameter given without ENABLE QRESYNC");
        }
        ResponseWriter out = session.out();
        boolean rev2 = session.dialect().rev2();
        if (session.selected() != null) {
            session.unselect();
            if (rev2 || session.sync().qresync()) {
                out.untagged("OK [CLOSED] Previous mailbox closed");
            }
        }
        if (r.condstore()) {
            session.sync().enableCondstore(); // RFC 7162 §3.1.8: a CONDSTORE enabling command
        }
        UserMailboxes boxes = session.mailboxes();
        MailboxInfo info = boxes.find(r.mailbox())
                .orElseThrow(() -> new CommandFailed("[NONEXISTENT] No such mailbox"));
        SelectedMailbox selected = new SelectedMailbox(info.id(), info.name(), readOnly, info.uidValidity(),
                session.sync());
        session.select(selected);
        long[] uids;
        SortedSet<String> keywords;
        long firstUnseenUid;
        try {
            uids = boxes.uids(info.id());
            keywords = boxes.keywords(info.id());
            // The row's unseen counter spares the search for a first unseen message when there is none.
            firstUnseenUid = rev2 || info.unseen() == 0 ? 0 : boxes.firstUnseenUid(info.id());
        } catch (RuntimeException e) {
            session.unselect(); // RFC 9051 §6.3.2: a failed SELECT leaves no mailbox selected
            throw e;
        }
        long highest = uids.length == 0 ? 0 : uids[uids.length - 1];
        long recentAbove = readOnly ? Long.MAX_VALUE : session.recentRegistry().claimUpTo(info.id(), highest);
        selected.load(uids, recentAbove);
        String kw = keywords.isEmpty() ? "" : " " + String.join(" ", keywords);
        long uidNext = Math.max(info.uidNext(), highest + 1);

        out.untagged("FLAGS (" + SYSTEM_FLAGS + kw + ")");
        out.untagged(selected.exists() + " EXISTS");
        if (!rev2) {
            out.untagged(selected.recentCount() + " RECENT");
            int unseen = firstUnseenUid == 0 ? 0 : selected.seqOf(firstUnseenUid);
            if (unseen > 0) {
                out.untagged("OK [UNSEEN " + unseen + "] First unseen");
            }
        }
        out.untagged("OK [UIDVALIDITY " + info.uidValidity() + "] UIDs valid");
        out.untagged("OK [UIDNEXT " + uidNext + "] Predicted next UID");
        out.untagged(readOnly ? "OK [PERMANENTFLAGS ()] No permanent flags permitted"
                : "OK [PERMANENTFLAGS (" + SYSTEM_FLAGS + kw + " \\*)] Flags permitted");
        if (session.sync().condstore()) {
            // RFC 7162 §3.1.2.1: every mailbox here keeps mod-sequences, so never NOMODSEQ.
            out.untagged("OK [HIGHESTMODSEQ " + info.highestModSeq() + "] Highest");
        }
        out.untagged("OK [MAILBOXID (" + org.mailroom.imap.fetch.ObjectIds.mailboxId(info.id()) + ")] Ok"); // RFC 8474 §4.2
        if (rev2) {
            out.untagged("LIST () \"/\" " + MailboxArgument.quoted(session.dialect(), info.name()));
        }
        if (r.resync().isPresent() && r.resync().get().uidValidity() == info.uidValidity()) {
            // RFC 7162 §3.2.5.1: with another UIDVALIDITY the client must start over; nothing to resync.
            Resynchronisation.report(session, selected, r.resync().get());
        }
        return Completion.ok((readOnly ? "[READ-ONLY] " : "[READ-WRITE] ") + name() + " completed");
    }
}
