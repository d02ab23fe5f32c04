package org.mailroom.smtp.mailauth.dkim;

import java.util.Locale;

/**
 * One header field as it arrived: {@code raw} is every octet of it (as ISO-8859-1 characters, so
 * 8-bit octets survive unchanged), folding CRLFs included, without the CRLF that ends it.
 */
public record HeaderField(String raw) {

    public String name() {
        int colon = raw.indexOf(':');
        return (colon < 0 ? raw : raw.substring(0, colon)).strip();
    }

    public String lowerName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The value after the colon, unfolded (RFC 5322 §2.2.3), not trimmed. */
    public String value() {
        int colon = raw.indexOf(':');
        return colon < 0 ? "" : raw.substring(colon + 1).replace("\r\n", "").replace("\n", "");
    }
}
