package org.mailroom.imap.command;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.mailroom.imap.fetch.MessageFetcher;
import org.mailroom.imap.protocol.ResponseWriter;
import org.mailroom.imap.session.Dialect;
import org.mailroom.imap.session.ImapSession;
import org.mailroom.imap.session.Notifications;
import org.mailroom.imap.session.SelectedMailbox;
import org.mailroom.store.MailboxEvent;
import org.mailroom.store.MailboxInfo;
import org.mailroom.store.MailboxName;
import org.mailroom.store.MessageSummary;
import org.mailroom.store.UidRange;
import org.mailroom.store.UidSet;

/**
 * One session's NOTIFY SET at work (RFC 5465 §5). Events are queued as they are published: for the
 * selected mailbox the session's own queue holds them, for other mailboxes a set of mailbox ids with
 * the kinds of change, and one flag for the mailbox list. Between commands {@link #tell} sends:
 * for the selected mailbox EXISTS, FETCH FLAGS and (unless SELECTED-DELAYED) EXPUNGE at once, with
 * MessageNew's fetch attributes for new messages (§5.2); for other mailboxes one STATUS each (§5.2–5.4);
 * for created, deleted and renamed mailboxes LIST, with \NonExistent or OLDNAME (§5.4); for
 * subscription changes LIST with or without \Subscribed (§5.5); for annotations METADATA (§5.9, §5.10). Changes of one mailbox coalesce into
 * one STATUS, and one telling is scheduled at a time, so a client that does not read costs bounded
 * memory; past {@link #MAX_UNTOLD} changes untold (the client stopped reading while the account kept
 * changing) it gives up with [NOTIFICATIONOVERFLOW] and NOTIFY is off, as after NOTIFY NONE (§5.8).
 */
final class Notifier implements Notifications {

    /** Changes untold before the client is told it lost track. */
    static final int MAX_UNTOLD = 10_000;
    private static final List<String> STATUS_ITEMS = List.of("MESSAGES", "UIDNEXT", "UIDVALIDITY", "UNSEEN");
    /** With CONDSTORE on, STATUS also carries HIGHESTMODSEQ (RFC 5465 §5.2 and RFC 7162 §3.1.2.1 together). */
    private static final List<String> STATUS_ITEMS_CONDSTORE = List.of("MESSAGES", "UIDNEXT", "UIDVALIDITY", "UNSEEN",
            "HIGHESTMODSEQ");

    private enum Change { MESSAGES, FLAGS }

    private final NotifySpec spec;
    private final int maxUntold;
    private final Map<Long, Set<Change>> pending = new ConcurrentHashMap<>();
    private final AtomicBoolean mailboxesChanged = new AtomicBoolean();
    private final java.util.Queue<MailboxEvent.MetadataChanged> metadata = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final AtomicInteger untold = new AtomicInteger();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    /** What the client knows of the mailbox list: id to name, and the subscriptions. */
    private Map<Long, MailboxName> knownNames;
    private Set<MailboxName> knownSubscriptions;

    Notifier(NotifySpec spec, ImapSession session) {
        this(spec, session, MAX_UNTOLD);
    }

    Notifier(NotifySpec spec, ImapSession session, int maxUntold) {
        this.spec = spec;
        this.maxUntold = maxUntold;
        this.knownNames = names(session.mailboxes().list());
        this.knownSubscriptions = new HashSet<>(session.mailboxes().subscriptions());
    }

    private static Map<Long, MailboxName> names(List<MailboxInfo> infos) {
        Map<Long, MailboxName> out = new HashMap<>();
        infos.forEach(i -> out.put(i.id(), i.name()));
        return out;
    }

    // ---- the publishing thread

    @Override
    public boolean onEvent(MailboxEvent event, long selectedId) {
        if (event instanceof MailboxEvent.MailboxesChanged) {
            mailboxesChanged.set(true);
            return schedule();
        }
        if (event instanceof MailboxEvent.MetadataChanged m) {
            metadata.add(m);
            return schedule();
        }
        long mailboxId;
        Change change;
        if (event instanceof MailboxEvent.MessagesAdded a) {
            mailboxId = a.mailboxId();
            change = Change.MESSAGES;
        } else if (event instanceof MailboxEvent.MessagesExpunged x) {
            mailboxId = x.mailboxId();
            change = Change.MESSAGES;
        } else if (event instanceof MailboxEvent.FlagsChanged f) {
            mailboxId = f.mailboxId();
            change = Change.FLAGS;
        } else {
            return false;
        }
        if (mailboxId == selectedId) {
            // The session's own queue has it; tell now only if the SELECTED filter asks for it.
            boolean wanted = spec.selectedGroup().map(g -> change == Change.MESSAGES
                    ? g.events().contains(NotifySpec.Event.MESSAGE_NEW)
                    : g.events().contains(NotifySpec.Event.FLAG_CHANGE)).orElse(false);
            return wanted && schedule();
        }
        pending.computeIfAbsent(mailboxId, k -> ConcurrentHashMap.newKeySet()).add(change);
        return schedule();
    }

    /** Counts an untold change; true if no telling is scheduled yet (one at a time is enough). */
    private boolean schedule() {
        untold.incrementAndGet();
        return scheduled.compareAndSet(false, true);
    }

    // ---- the session's thread

    @Override
    public void tell(ImapSession session) {
        scheduled.set(false);
        if (untold.getAndSet(0) > maxUntold) {
            session.out().untagged("OK [NOTIFICATIONOVERFLOW] Too many changes to tell; NOTIFY is off");
            session.notifications(null);
            return;
        }
        tellSelected(session);
        if (mailboxesChanged.getAndSet(false)) {
            tellMailboxList(session);
        }
        tellOtherMailboxes(session);
        tellMetadata(session);
    }

    /**
     * MailboxMetadataChange and ServerMetadataChange (RFC 5465 §5.9, §5.10): an unsolicited METADATA
     * naming the changed entries (RFC 5464 §4.4.2), for the server or a mailbox a filter covers.
     */
    private void tellMetadata(ImapSession session) {
        MailboxEvent.MetadataChanged m;
        Map<Long, MailboxInfo> infos = null;
        while ((m = metadata.poll()) != null) {
            String entries = String.join(" ", m.entries());
            if (m.mailboxId().isEmpty()) {
                if (spec.wantsServerMetadata()) {
                    session.out().untagged("METADATA \"\" " + entries);
                }
                continue;
            }
            if (infos == null) {
                infos = new HashMap<>();
                for (MailboxInfo i : session.mailboxes().list()) {
                    infos.put(i.id(), i);
                }
            }
            MailboxInfo info = infos.get(m.mailboxId().getAsLong());
            if (info != null && wants(info.name(), NotifySpec.Event.MAILBOX_METADATA_CHANGE)) {
                session.out().untagged("METADATA " + MailboxArgument.quoted(session.dialect(), info.name()) + " " + entries);
            }
        }
    }

    private void tellSelected(ImapSession session) {
        SelectedMailbox s = session.selected();
        Optional<NotifySpec.Group> group = spec.selectedGroup();
        if (s == null || group.isEmpty() || group.get().events().isEmpty()) {
            return;
        }
        List<Long> before = s.allUids();
        long highest = before.isEmpty() ? 0 : before.get(before.size() - 1);
        // SELECTED-DELAYED keeps EXPUNGE for when the client may hear it (RFC 5465 §6).
        session.tellUpdates(group.get().filter() == NotifySpec.Filter.SELECTED);
        if (group.get().fetch().isEmpty()) {
            return;
        }
        List<MessageSummary> added = session.mailboxes().messages(s.id(),
                UidSet.of(new UidRange(highest + 1, Long.MAX_VALUE)));
        MessageFetcher fetcher = new MessageFetcher(session.mailboxes(), s.id(), session.out());
        boolean recentShown = !session.dialect().rev2();
        for (MessageSummary m : added) {
            int seq = s.seqOf(m.uid());
            if (seq > 0) {
                fetcher.write(seq, m, group.get().fetch(), recentShown && s.isRecent(m.uid()), false);
            }
        }
        session.remember(added);
    }

    private void tellOtherMailboxes(ImapSession session) {
        if (pending.isEmpty()) {
            return;
        }
        Map<Long, MailboxInfo> infos = new HashMap<>();
        session.mailboxes().list().forEach(i -> infos.put(i.id(), i));
        for (Long id : new ArrayList<>(pending.keySet())) {
            Set<Change> changes = pending.remove(id);
            MailboxInfo info = infos.get(id);
            SelectedMailbox s = session.selected();
            if (info == null || changes == null || s != null && s.id() == id) {
                continue;
            }
            Optional<NotifySpec.Group> g = spec.groupFor(info.name(), knownSubscriptions);
            if (g.isPresent() && (changes.contains(Change.MESSAGES) && g.get().events().contains(NotifySpec.Event.MESSAGE_NEW)
                    || changes.contains(Change.FLAGS) && g.get().events().contains(NotifySpec.Event.FLAG_CHANGE))) {
                session.out().untagged(StatusItems.response(session, session.dialect(), info, statusItems(session)));
            }
        }
    }

    /** Compares the mailbox list and the subscriptions with what the client was last told. */
    private void tellMailboxList(ImapSession session) {
        Map<Long, MailboxName> now = names(session.mailboxes().list());
        Set<MailboxName> subscribedNow = new HashSet<>(session.mailboxes().subscriptions());
        Set<String> paths = new HashSet<>();
        now.values().forEach(n -> paths.add(n.path()));
        ResponseWriter out = session.out();
        Dialect dialect = session.dialect();
        Map<String, String> lines = new TreeMap<>();
        for (Map.Entry<Long, MailboxName> e : knownNames.entrySet()) {
            MailboxName name = now.get(e.getKey());
            if (name == null && wants(e.getValue(), NotifySpec.Event.MAILBOX_NAME)) {
                lines.put(e.getValue().path(), "LIST (\\NonExistent) \"/\" " + MailboxArgument.quoted(dialect, e.getValue()));
            } else if (name != null && !name.equals(e.getValue()) && wants(name, NotifySpec.Event.MAILBOX_NAME)) {
                // RFC 5465 §5.4: a rename is a LIST of the new name with the old one as OLDNAME.
                lines.put(name.path(), "LIST (" + children(name, paths) + ") \"/\" " + MailboxArgument.quoted(dialect, name)
                        + " (\"OLDNAME\" (" + MailboxArgument.quoted(dialect, e.getValue()) + "))");
            }
        }
        for (Map.Entry<Long, MailboxName> e : now.entrySet()) {
            if (!knownNames.containsKey(e.getKey()) && wants(e.getValue(), NotifySpec.Event.MAILBOX_NAME)) {
                lines.put(e.getValue().path(), "LIST (" + children(e.getValue(), paths) + ") \"/\" "
                        + MailboxArgument.quoted(dialect, e.getValue()));
            }
        }
        Set<MailboxName> changedSubscriptions = new HashSet<>(subscribedNow);
        changedSubscriptions.removeAll(knownSubscriptions);
        Set<MailboxName> unsubscribed = new HashSet<>(knownSubscriptions);
        unsubscribed.removeAll(subscribedNow);
        changedSubscriptions.addAll(unsubscribed);
        for (MailboxName name : changedSubscriptions) {
            if (wants(name, NotifySpec.Event.SUBSCRIPTION_CHANGE) && !lines.containsKey(name.path())) {
                String attrs = (paths.contains(name.path()) ? children(name, paths) : "\\NonExistent")
                        + (subscribedNow.contains(name) ? " \\Subscribed" : "");
                lines.put(name.path(), "LIST (" + attrs + ") \"/\" " + MailboxArgument.quoted(dialect, name));
            }
        }
        lines.values().forEach(out::untagged);
        knownNames = now;
        knownSubscriptions = subscribedNow;
    }

    private boolean wants(MailboxName name, NotifySpec.Event event) {
        return spec.groupFor(name, knownSubscriptions).map(g -> g.events().contains(event)).orElse(false);
    }

    private static String children(MailboxName name, Set<String> paths) {
        String prefix = name.path() + MailboxName.SEPARATOR;
        return paths.stream().anyMatch(p -> p.startsWith(prefix)) ? "\\HasChildren" : "\\HasNoChildren";
    }

    private static List<String> statusItems(ImapSession session) {
        return session.sync().condstore() ? STATUS_ITEMS_CONDSTORE : STATUS_ITEMS;
    }

    /** NOTIFY SET STATUS (RFC 5465 §3.1): a STATUS for every mailbox a filter with message events covers. */
    void statusOfAll(ImapSession session) {
        SelectedMailbox s = session.selected();
        for (MailboxInfo info : session.mailboxes().list()) {
            if (s != null && info.id() == s.id()) {
                continue;
            }
            Optional<NotifySpec.Group> g = spec.groupFor(info.name(), knownSubscriptions);
            if (g.isPresent() && g.get().events().contains(NotifySpec.Event.MESSAGE_NEW)) {
                session.out().untagged(StatusItems.response(session, session.dialect(), info, statusItems(session)));
            }
        }
    }
}
