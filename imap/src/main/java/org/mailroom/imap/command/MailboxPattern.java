package org.mailroom.imap.command;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A LIST pattern (RFC 9051 §6.3.9): the reference joined with the mailbox pattern, where {@code *}
 * matches anything and {@code %} anything but the separator. INBOX matches without regard to case.
 */
final class MailboxPattern {

    private final Pattern regex;

    MailboxPattern(String reference, String pattern) {
        String full = pattern.startsWith("/") && reference.endsWith("/") ? reference + pattern.substring(1)
                : reference + pattern;
        if (full.length() >= 5 && full.substring(0, 5).equalsIgnoreCase("INBOX")
                && (full.length() == 5 || full.charAt(5) == '/')) {
            full = "INBOX" + full.substring(5);
        }
        StringBuilder re = new StringBuilder();
        for (char c : full.toCharArray()) {
            switch (c) {
                case '*' -> re.append(".*");
                case '%' -> re.append("[^/]*");
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        this.regex = Pattern.compile(re.toString(), Pattern.DOTALL);
    }

    boolean matches(String name) {
        return regex.matcher(name).matches();
    }

    /** Whether a pattern mentions INBOX in another case, as "inbox" (it still means INBOX). */
    static boolean isInbox(String s) {
        return s.toUpperCase(Locale.ROOT).equals("INBOX");
    }
}
