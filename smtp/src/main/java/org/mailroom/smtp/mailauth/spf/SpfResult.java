package org.mailroom.smtp.mailauth.spf;

import java.util.Locale;

/** The results of check_host() (RFC 7208 §2.6). */
public enum SpfResult {
    NONE, NEUTRAL, PASS, FAIL, SOFTFAIL, TEMPERROR, PERMERROR;

    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The result a qualifier gives when its mechanism matches (§4.6.2). */
    static SpfResult ofQualifier(char q) {
        return switch (q) {
            case '-' -> FAIL;
            case '~' -> SOFTFAIL;
            case '?' -> NEUTRAL;
            default -> PASS;
        };
    }
}
