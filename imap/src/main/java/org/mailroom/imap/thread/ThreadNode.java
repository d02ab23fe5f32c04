package org.mailroom.imap.thread;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A container of the threading algorithms (RFC 5256 §4): a message, or a dummy standing for a missing one. */
public final class ThreadNode {

    ThreadMessage message;
    ThreadNode parent;
    final List<ThreadNode> children = new ArrayList<>();

    ThreadNode(ThreadMessage message) {
        this.message = message;
    }

    public ThreadMessage message() {
        return message;
    }

    public List<ThreadNode> children() {
        return children;
    }

    boolean dummy() {
        return message == null;
    }

    /** The message that speaks for this node: itself, or a dummy's first child's (RFC 5256 §4 steps 4, 5). */
    ThreadMessage representative() {
        ThreadNode n = this;
        while (n.message == null && !n.children.isEmpty()) {
            n = n.children.get(0);
        }
        return n.message;
    }

    Instant date() {
        ThreadMessage m = representative();
        return m == null ? Instant.EPOCH : m.sentDate();
    }

    long uid() {
        ThreadMessage m = representative();
        return m == null ? 0 : m.uid();
    }

    void add(ThreadNode child) {
        child.parent = this;
        children.add(child);
    }

    void unlink() {
        if (parent != null) {
            parent.children.remove(this);
            parent = null;
        }
    }

    /** Whether this node is {@code other} or lies below it. */
    boolean within(ThreadNode other) {
        for (ThreadNode n = this; n != null; n = n.parent) {
            if (n == other) {
                return true;
            }
        }
        return false;
    }
}
