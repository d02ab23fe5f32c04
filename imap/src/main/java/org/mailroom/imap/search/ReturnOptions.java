package org.mailroom.imap.search;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.mailroom.imap.protocol.CommandReader;
import org.mailroom.imap.protocol.SyntaxError;

/**
 * {@code search-return-opts = SP "RETURN" SP "(" [search-return-opt *(SP search-return-opt)] ")"}
 * (RFC 4466 §2.6), with the options of ESEARCH (RFC 4731), SEARCHRES (RFC 5182) and CONTEXT
 * (RFC 5267 §4: CONTEXT, UPDATE, PARTIAL). An empty list means ALL (RFC 4731 §3.1, RFC 5267 §3.3).
 *
 * @param partial null unless PARTIAL was given
 */
public record ReturnOptions(Set<String> options, PartialRange partial) {

    private static final Set<String> KNOWN = Set.of("MIN", "MAX", "ALL", "COUNT", "SAVE", "CONTEXT", "UPDATE",
            "PARTIAL");

    public ReturnOptions {
        options = Set.copyOf(options);
    }

    /** Whether RETURN comes next (followed by a space). */
    public static boolean follows(CommandReader r) {
        return (r.peek() == 'R' || r.peek() == 'r') && r.startsWithIgnoreCase("RETURN ");
    }

    /** Reads {@code RETURN (...)} (not the space after it). */
    public static ReturnOptions read(CommandReader r) {
        r.keyword();
        r.sp();
        r.expect('(');
        Set<String> options = new LinkedHashSet<>();
        PartialRange partial = null;
        if (!r.tryChar(')')) {
            do {
                String o = r.atom().toUpperCase(Locale.ROOT);
                if (!KNOWN.contains(o)) {
                    throw new SyntaxError("unknown search return option");
                }
                if (o.equals("PARTIAL")) {
                    if (partial != null) {
                        throw new SyntaxError("PARTIAL given twice");
                    }
                    r.sp();
                    partial = PartialRange.parse(r.atom());
                }
                options.add(o);
            } while (r.trySp());
            r.expect(')');
        }
        // RFC 5267 §4.4, RFC 9394 §3.1: one PARTIAL, one ALL, or neither
        if (options.contains("PARTIAL") && options.contains("ALL")) {
            throw new SyntaxError("PARTIAL and ALL cannot be used together");
        }
        if (options.isEmpty() || options.equals(Set.of("UPDATE")) || options.equals(Set.of("CONTEXT"))
                || options.equals(Set.of("CONTEXT", "UPDATE"))) {
            // nothing that returns data: the result is ALL, as with RETURN ()
            Set<String> withAll = new LinkedHashSet<>(options);
            withAll.add("ALL");
            options = withAll;
        }
        return new ReturnOptions(options, partial);
    }
}
