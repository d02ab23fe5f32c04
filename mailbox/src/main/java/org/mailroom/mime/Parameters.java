package org.mailroom.mime;

import java.util.List;
import java.util.Optional;

/**
 * The parameters of a Content-Type or Content-Disposition in header order.
 *
 * <p>{@link #raw()} is what the header says, each value unquoted, RFC 2231 sections and charsets left
 * as they are ({@code filename*0*=utf-8''%E2%82%AC}); IMAP's BODYSTRUCTURE returns these.
 * {@link #decoded()} joins RFC 2231 continuations and decodes their charset, for
 * anyone who wants the meaning (a file name to show, a charset to decode with).
 */
public record Parameters(List<Parameter> raw) {

    public static final Parameters NONE = new Parameters(List.of());

    public Parameters {
        raw = List.copyOf(raw);
    }

    public static Parameters of(String... nameValues) {
        Parameter[] list = new Parameter[nameValues.length / 2];
        for (int i = 0; i < list.length; i++) {
            list[i] = new Parameter(nameValues[2 * i], nameValues[2 * i + 1]);
        }
        return new Parameters(List.of(list));
    }

    public boolean isEmpty() {
        return raw.isEmpty();
    }

    /** RFC 2231 §3–4 continuations joined and charsets decoded; names as first written. */
    public List<Parameter> decoded() {
        return Rfc2231.decode(raw);
    }

    /** The decoded value of a parameter, its name matched without regard to case. */
    public Optional<String> get(String name) {
        for (Parameter p : decoded()) {
            if (p.name().equalsIgnoreCase(name)) {
                return Optional.of(p.value());
            }
        }
        return Optional.empty();
    }
}
