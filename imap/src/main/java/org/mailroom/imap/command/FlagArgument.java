package org.mailroom.imap.command;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.mailroom.imap.protocol.CommandReader;
import org.mailroom.imap.protocol.SyntaxError;
import org.mailroom.store.Flag;
import org.mailroom.store.Flags;

/** flag-list and flags of APPEND and STORE (RFC 9051 §9): system flags and keywords; {@code \Recent} cannot be set. */
final class FlagArgument {

    private FlagArgument() {
    }

    static Flags list(CommandReader args) {
        return of(args.list(args::flag, true));
    }

    /** STORE also takes flags without parentheses. */
    static Flags listOrBare(CommandReader args) {
        if (args.peek() == '(') {
            return list(args);
        }
        List<String> flags = new java.util.ArrayList<>();
        flags.add(args.flag());
        while (args.trySp()) {
            flags.add(args.flag());
        }
        return of(flags);
    }

    static Flags of(List<String> names) {
        Set<Flag> system = EnumSet.noneOf(Flag.class);
        Set<String> keywords = new TreeSet<>();
        for (String n : names) {
            if (n.startsWith("\\")) {
                Flag f = system(n);
                if (f != null) {
                    system.add(f);
                } else if (!n.equalsIgnoreCase("\\Recent")) {
                    throw new SyntaxError("unknown system flag " + org.mailroom.text.ClientText.sanitize(n));
                }
            } else {
                if (n.length() > Flags.MAX_KEYWORD_LENGTH) {
                    throw new SyntaxError("keyword too long");
                }
                keywords.add(n);
            }
        }
        return new Flags(system, keywords);
    }

    static Flag system(String name) {
        for (Flag f : Flag.values()) {
            if (f.imapName().equalsIgnoreCase(name)) {
                return f;
            }
        }
        return null;
    }
}
