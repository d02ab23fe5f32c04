package org.mailroom.smtp.mailauth.dkim;

import java.util.Locale;

/**
 * The outcome of one signature (RFC 8601 §2.7.1 result names). {@code domain} is d=, empty when the
 * field could not be parsed; {@code bPrefix} is the start of b=, to tell signatures apart (RFC 6008).
 */
public record DkimResult(Result result, String domain, String selector, String identity, String algorithm,
                         String bPrefix, String reason) {

    public enum Result {
        PASS, FAIL, NEUTRAL, POLICY, TEMPERROR, PERMERROR;

        public String keyword() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public boolean passed() {
        return result == Result.PASS;
    }
}
