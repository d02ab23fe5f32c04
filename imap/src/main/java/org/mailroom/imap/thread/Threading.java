package org.mailroom.imap.thread;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import org.mailroom.imap.sort.Collation;

/** The threading algorithms of RFC 5256 §4 that THREAD names. */
public enum Threading {

    /** RFC 5256 §4, ORDEREDSUBJECT: "poor man's threading" by base subject, then sent date. */
    ORDEREDSUBJECT {
        @Override
        public List<ThreadNode> thread(List<ThreadMessage> messages) {
            List<ThreadMessage> sorted = new ArrayList<>(messages);
            sorted.sort(Comparator.comparing(ThreadMessage::subjectKey, Collation.ORDER)
                    .thenComparing(ThreadMessage::sentDate).thenComparingLong(ThreadMessage::uid));
            List<ThreadNode> roots = new ArrayList<>();
            ThreadNode current = null;
            for (ThreadMessage m : sorted) {
                ThreadNode node = new ThreadNode(m);
                if (current != null && current.message.subjectKey().equals(m.subjectKey())) {
                    current.add(node); // later messages of a subject are children of its first
                } else {
                    current = node;
                    roots.add(node);
                }
            }
            roots.sort(BY_DATE); // threads by the sent date of their first message
            return roots;
        }
    },

    /** RFC 5256 §4, REFERENCES: the steps (1) to (6) of the algorithm, exactly. */
    REFERENCES {
        @Override
        public List<ThreadNode> thread(List<ThreadMessage> messages) {
            List<ThreadNode> all = link(messages);
            List<ThreadNode> roots = new ArrayList<>();
            for (ThreadNode n : all) { // (2) the root set
                if (n.parent == null) {
                    roots.add(n);
                }
            }
            roots = prune(roots, true); // (3)
            for (ThreadNode n : roots) { // (4) a dummy's children first, then the top level
                if (n.dummy()) {
                    n.children.sort(BY_DATE);
                }
            }
            roots.sort(BY_DATE);
            roots = groupBySubject(roots); // (5)
            sortSiblings(roots); // (6)
            return roots;
        }
    };

    /** Sent date, then sequence (UID) order (RFC 5256 §4: ties keep mailbox order). */
    static final Comparator<ThreadNode> BY_DATE = Comparator.comparing(ThreadNode::date)
            .thenComparingLong(ThreadNode::uid);

    /** Threads the messages (given in UID order); returns the top-level threads in order. */
    public abstract List<ThreadNode> thread(List<ThreadMessage> messages);

    /** The algorithm a THREAD command names, or null. */
    public static Threading named(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Step (1): containers by Message-ID, linked by References (A) and to each message's parent (B). */
    private static List<ThreadNode> link(List<ThreadMessage> messages) {
        Map<String, ThreadNode> byId = new LinkedHashMap<>();
        for (ThreadMessage m : messages) {
            // a missing or already used Message-ID gets a unique one, the first (lowest) message keeps it
            String id = m.messageId();
            ThreadNode self = id == null ? null : byId.get(id);
            if (id == null || self != null && !self.dummy()) {
                id = "\0" + m.uid();
                self = null;
            }
            if (self == null) {
                self = new ThreadNode(m);
                byId.put(id, self);
            } else {
                self.message = m;
            }
            ThreadNode previous = null;
            for (String ref : m.references()) {
                ThreadNode r = byId.computeIfAbsent(ref, k -> new ThreadNode(null));
                // (A) link each reference to the next, never changing an existing parent, never making a loop
                if (previous != null && r.parent == null && !previous.within(r)) {
                    previous.add(r);
                }
                previous = r;
            }
            // (B) the last reference is the parent: an older link (from a truncated References) is broken
            self.unlink();
            if (previous != null && !previous.within(self)) {
                previous.add(self);
            }
        }
        return new ArrayList<>(byId.values());
    }

    /**
     * Step (3): a dummy without children goes; a dummy with children gives way to them, except at the
     * top level, where it stays unless it has only one child.
     */
    private static List<ThreadNode> prune(List<ThreadNode> nodes, boolean top) {
        List<ThreadNode> out = new ArrayList<>();
        for (ThreadNode n : nodes) {
            List<ThreadNode> kept = prune(new ArrayList<>(n.children), false);
            n.children.clear();
            kept.forEach(n::add);
            if (!n.dummy()) {
                out.add(n);
            } else if (n.children.isEmpty()) {
                n.unlink();
            } else if (!top || n.children.size() == 1) {
                for (ThreadNode child : new ArrayList<>(n.children)) {
                    child.parent = null;
                    out.add(child);
                }
                n.children.clear();
            } else {
                out.add(n);
            }
        }
        return out;
    }

    /** Step (5): top-level threads with the same base subject are gathered together. */
    private static List<ThreadNode> groupBySubject(List<ThreadNode> roots) {
        Map<String, ThreadNode> table = new HashMap<>();
        for (ThreadNode n : roots) { // (5)(B)
            ThreadMessage m = n.representative();
            if (m == null || m.subjectKey().isEmpty()) {
                continue;
            }
            ThreadNode old = table.get(m.subjectKey());
            if (old == null || n.dummy() && !old.dummy()
                    || !old.dummy() && old.message.subject().replyOrForward() && !m.subject().replyOrForward()) {
                table.put(m.subjectKey(), n);
            }
        }
        List<ThreadNode> out = new ArrayList<>(roots);
        for (ThreadNode n : roots) { // (5)(C)
            ThreadMessage m = n.representative();
            if (m == null || m.subjectKey().isEmpty()) {
                continue;
            }
            ThreadNode t = table.get(m.subjectKey());
            if (t == n) {
                continue;
            }
            out.remove(n);
            if (t.dummy() && n.dummy()) {
                for (ThreadNode child : new ArrayList<>(n.children)) {
                    child.parent = null;
                    t.add(child);
                }
                n.children.clear();
            } else if (t.dummy()) {
                t.add(n);
            } else if (!t.message.subject().replyOrForward() && m.subject().replyOrForward()) {
                t.add(n);
            } else {
                ThreadNode merged = new ThreadNode(null);
                out.set(out.indexOf(t), merged);
                merged.add(t);
                merged.add(n);
                table.put(m.subjectKey(), merged);
            }
        }
        return out;
    }

    /** Step (6): every set of siblings by sent date, children first so that a dummy's date is its first child's. */
    private static void sortSiblings(List<ThreadNode> nodes) {
        for (ThreadNode n : nodes) {
            sortSiblings(n.children);
        }
        nodes.sort(BY_DATE);
    }
}
