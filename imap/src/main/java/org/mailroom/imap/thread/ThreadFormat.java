package org.mailroom.imap.thread;

import java.util.List;
import java.util.function.LongUnaryOperator;

/**
 * The THREAD response's thread lists (RFC 5256 §4 and §5: {@code thread-list = "(" (thread-members /
 * thread-nested) ")"}, {@code thread-members = nz-number *(SP nz-number) [SP thread-nested]},
 * {@code thread-nested = 2*thread-list}): a chain of only children is written flat, several children
 * each in parentheses, a dummy without a number.
 */
public final class ThreadFormat {

    private ThreadFormat() {
    }

    /** @param number a message's number in the response (its UID or its sequence number) */
    public static String format(List<ThreadNode> roots, LongUnaryOperator number) {
        StringBuilder sb = new StringBuilder();
        for (ThreadNode root : roots) {
            list(root, number, sb);
        }
        return sb.toString();
    }

    private static void list(ThreadNode node, LongUnaryOperator number, StringBuilder sb) {
        sb.append('(');
        boolean written = false;
        ThreadNode n = node;
        while (!n.dummy()) {
            if (written) {
                sb.append(' ');
            }
            sb.append(number.applyAsLong(n.message.uid()));
            written = true;
            if (n.children.size() != 1) {
                break;
            }
            n = n.children.get(0);
        }
        if (n.children.size() > 1 || n.dummy()) {
            if (written) {
                sb.append(' ');
            }
            for (ThreadNode child : n.children) {
                list(child, number, sb);
            }
        }
        sb.append(')');
    }
}
