package org.mailroom.store;

import java.util.Locale;

/**
 * An address as it appears in an SMTP envelope or an account: {@code local-part@domain}.
 *
 * <p>The domain is kept in lower case (RFC 5321 §2.4: domains are case-insensitive). The local part
 * keeps the case it was given, because a remote server may treat it as significant; lookups of local
 * accounts and aliases use {@link #key()}, which folds it, as every mainstream server does.
 */
public record EmailAddress(String localPart, String domain) {

    /** RFC 5321 §4.5.3.1.1 and §4.5.3.1.2. */
    public static final int MAX_LOCAL_PART = 64;
    public static final int MAX_DOMAIN = 255;

    public EmailAddress {
        if (localPart == null || localPart.isEmpty() || localPart.length() > MAX_LOCAL_PART) {
            throw new IllegalArgumentException("local part must be 1 to 64 characters");
        }
        if (domain == null || domain.isEmpty() || domain.length() > MAX_DOMAIN) {
            throw new IllegalArgumentException("domain must be 1 to 255 characters");
        }
        // RFC 5321 §4.1.2: a Quoted-string local part may hold spaces and '@'; a Dot-string may not.
        boolean quoted = localPart.length() >= 2 && localPart.startsWith("\"") && localPart.endsWith("\"");
        for (int i = 0; i < localPart.length(); i++) {
            char c = localPart.charAt(i);
            boolean bad = c < ' ' || c == 0x7f || (!quoted && (c == ' ' || c == '<' || c == '>' || c == '@'));
            if (bad) {
                throw new IllegalArgumentException("local part contains a character not allowed here");
            }
        }
        domain = domain.toLowerCase(Locale.ROOT);
        if (domain.endsWith(".")) {
            domain = domain.substring(0, domain.length() - 1);
        }
        if (!Domains.isValid(domain)) {
            throw new IllegalArgumentException("not a valid domain name");
        }
    }

    /**
     * Parses {@code local@domain} (no angle brackets, no quoting beyond what the local part carries
     * verbatim). The split is at the last {@code @}, since a quoted local part may contain one.
     */
    public static EmailAddress parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("no address");
        }
        int at = text.lastIndexOf('@');
        if (at <= 0 || at == text.length() - 1) {
            throw new IllegalArgumentException("an address needs the form local-part@domain");
        }
        return new EmailAddress(text.substring(0, at), text.substring(at + 1));
    }

    /** The folded form used to look up local accounts and aliases. */
    public String key() {
        return localPart.toLowerCase(Locale.ROOT) + "@" + domain;
    }

    /** This address with another local part, e.g. the base of a subaddress. */
    public EmailAddress withLocalPart(String otherLocalPart) {
        return new EmailAddress(otherLocalPart, domain);
    }

    @Override
    public String toString() {
        return localPart + "@" + domain;
    }
}
