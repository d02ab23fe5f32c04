package org.mailroom.smtp.mailauth.dkim;

import java.util.Locale;

/** The two canonicalisation algorithms of RFC 6376 §3.4, for header fields and for bodies. */
public enum Canonicalization {
    SIMPLE, RELAXED;

    public static Canonicalization parse(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "simple" -> SIMPLE;
            case "relaxed" -> RELAXED;
            default -> throw new IllegalArgumentException("unknown canonicalization " + s);
        };
    }

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** One header field, canonicalised, followed by CRLF (RFC 6376 §3.4.1, §3.4.2). */
    public String header(HeaderField field) {
        return headerWithoutCrlf(field.raw()) + "\r\n";
    }

    /** A raw header field canonicalised, without a trailing CRLF (the DKIM-Signature field is hashed so). */
    public String headerWithoutCrlf(String raw) {
        if (this == SIMPLE) {
            return raw; // §3.4.1: no change at all
        }
        // §3.4.2: lowercase the name; unfold; runs of WSP become one SP; no WSP at the end of the value
        // nor around the colon.
        int colon = raw.indexOf(':');
        String name = (colon < 0 ? raw : raw.substring(0, colon)).strip().toLowerCase(Locale.ROOT);
        String value = colon < 0 ? "" : raw.substring(colon + 1);
        value = value.replace("\r\n", "").replace("\n", "").replaceAll("[ \t]+", " ").strip();
        return name + ":" + value;
    }
}
