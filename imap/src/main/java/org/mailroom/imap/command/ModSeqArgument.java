package org.mailroom.imap.command;

import org.mailroom.imap.protocol.CommandReader;
import org.mailroom.imap.protocol.SyntaxError;

/**
 * Mod-sequence numbers as RFC 7162 §7 writes them: {@code mod-sequence-value = 1*DIGIT} (positive,
 * 63 bits) and {@code mod-sequence-valzer = "0" / mod-sequence-value}.
 */
final class ModSeqArgument {

    private ModSeqArgument() {
    }

    static long value(CommandReader args) {
        long n = valzer(args);
        if (n == 0) {
            throw new SyntaxError("expected a non-zero mod-sequence");
        }
        return n;
    }

    static long valzer(CommandReader args) {
        return args.number(); // number() refuses anything beyond 63 bits
    }
}
