package org.mailroom.smtp.outbound;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A reply from a remote server: its code and its text lines (RFC 5321 §4.2), with the enhanced
 * status code of RFC 3463 when the server gave one.
 */
public record SmtpReply(int code, List<String> lines) {

    private static final Pattern ENHANCED = Pattern.compile("[245]\\.\\d{1,3}\\.\\d{1,3}");

    public SmtpReply {
        lines = List.copyOf(lines);
    }

    public boolean isPositive() {
        return code >= 200 && code < 300;
    }

    public boolean isIntermediate() {
        return code >= 300 && code < 400;
    }

    public boolean isTransient() {
        return code >= 400 && code < 500;
    }

    /** 5xx; anything that is not 2xx, 3xx or 4xx counts as permanent too (RFC 5321 §4.2.1). */
    public boolean isPermanent() {
        return code >= 500 || code < 200;
    }

    /** The enhanced status the server gave (RFC 2034), or the generic one of the reply's class. */
    public String status() {
        if (!lines.isEmpty()) {
            String first = lines.get(0);
            int space = first.indexOf(' ');
            String word = space < 0 ? first : first.substring(0, space);
            if (ENHANCED.matcher(word).matches() && word.charAt(0) - '0' == code / 100) {
                return word;
            }
        }
        int cls = code / 100;
        return (cls == 2 || cls == 4 ? cls : 5) + ".0.0";
    }

    /** The text on one line. */
    public String text() {
        return String.join(" ", lines);
    }

    @Override
    public String toString() {
        return code + " " + text();
    }
}
