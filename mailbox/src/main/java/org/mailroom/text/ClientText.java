package org.mailroom.text;

/** Making client-supplied text safe to echo in a reply or a log line (STYLE.md §12). */
public final class ClientText {

    public static final int MAX_ECHO = 64;

    private ClientText() {
    }

    /** Replaces CR, LF and other control characters with '?', and shortens to {@link #MAX_ECHO}. */
    public static String sanitize(String text) {
        if (text == null) {
            return "";
        }
        int n = Math.min(text.length(), MAX_ECHO);
        StringBuilder sb = new StringBuilder(n + 3);
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            sb.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        if (text.length() > MAX_ECHO) {
            sb.append("...");
        }
        return sb.toString();
    }
}
