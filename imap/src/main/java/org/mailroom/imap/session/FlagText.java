package org.mailroom.imap.session;

import org.mailroom.store.Flag;
import org.mailroom.store.Flags;

/** Flags as a parenthesised flag list (RFC 9051 §2.3.2). */
public final class FlagText {

    private FlagText() {
    }

    public static String of(Flags flags, boolean recent) {
        StringBuilder sb = new StringBuilder("(");
        for (Flag f : flags.system()) {
            if (sb.length() > 1) {
                sb.append(' ');
            }
            sb.append(f.imapName());
        }
        for (String k : flags.keywords()) {
            if (sb.length() > 1) {
                sb.append(' ');
            }
            sb.append(k);
        }
        if (recent) {
            if (sb.length() > 1) {
                sb.append(' ');
            }
            sb.append("\\Recent");
        }
        return sb.append(')').toString();
    }
}
