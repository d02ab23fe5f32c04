package org.mailroom.store;

import java.util.Locale;
import org.mailroom.text.ClientText;

/** Domain-name syntax checks shared by addresses, domains and configuration (RFC 5321 §4.1.2). */
public final class Domains {

    private Domains() {
    }

    /** Lower-cases and checks a domain name; throws {@link IllegalArgumentException} if it is not one. */
    public static String normalize(String domain) {
        String d = domain == null ? "" : domain.trim().toLowerCase(Locale.ROOT);
        if (d.endsWith(".")) {
            d = d.substring(0, d.length() - 1);
        }
        if (!isValid(d)) {
            throw new IllegalArgumentException("not a valid domain name: " + ClientText.sanitize(domain));
        }
        return d;
    }

    /**
     * True for a dot-separated name of letters, digits and hyphens (labels 1..63, no leading or
     * trailing hyphen), or an address literal in brackets. Internationalised names are accepted in
     * their U-label form too (RFC 6531 §3.3), as any non-ASCII letter.
     */
    public static boolean isValid(String d) {
        if (d.isEmpty() || d.length() > EmailAddress.MAX_DOMAIN) {
            return false;
        }
        if (d.startsWith("[") && d.endsWith("]")) {
            return d.length() > 2;
        }
        for (String label : d.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
                return false;
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c > 0x7f;
                if (!ok) {
                    return false;
                }
            }
        }
        return true;
    }
}
