package org.mailroom.admin;

import org.mailroom.config.ConfigException;
import org.mailroom.store.StoreError;
import org.mailroom.store.StoreException;

/** The one line an administrator reads when a command fails. */
final class Errors {

    /** Long enough for a path and a reason; a message longer than this is not being read anyway. */
    private static final int MAX_LENGTH = 400;

    private Errors() {
    }

    static String describe(Throwable e) {
        if (e instanceof AdminFailure || e instanceof ConfigException) {
            return oneLine(e.getMessage());
        }
        if (e instanceof StoreException s) {
            // the administrator may see why the database could not answer; a protocol client may not
            if (s.error() == StoreError.TEMPORARILY_UNAVAILABLE && s.getCause() != null) {
                return oneLine(s.getMessage() + ": " + s.getCause().getMessage());
            }
            return oneLine(s.getMessage());
        }
        if (e instanceof IllegalStateException || e instanceof IllegalArgumentException) {
            // the store's opening errors: "the database ... is open in another process", ...
            return oneLine(e.getMessage());
        }
        return "internal error: " + oneLine(e.toString());
    }

    /** The first line of a message, without control characters; never empty. */
    static String oneLine(String message) {
        if (message == null || message.isBlank()) {
            return "failed (no reason given)";
        }
        String first = message.strip().lines().findFirst().orElse("");
        StringBuilder sb = new StringBuilder(Math.min(first.length(), MAX_LENGTH));
        for (int i = 0; i < first.length() && i < MAX_LENGTH; i++) {
            char c = first.charAt(i);
            sb.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return sb.toString();
    }
}
