package org.mailroom.imap.sort;

import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;

/**
 * The "base subject" of RFC 5256 §2.1, extracted exactly by its steps (1) to (7), and whether the
 * extraction removed a reply or forward marker (§2.1's definition of a reply, which THREAD=REFERENCES
 * step 5 uses). The grammar's literals ("re", "fw", "fwd", "(fwd)", "[fwd:") are ABNF strings and so
 * match without regard to ASCII case.
 *
 * @param text the base subject, before collation
 * @param replyOrForward whether a subj-refwd, a "(fwd)" trailer or a subj-fwd-hdr/trl was removed
 */
public record BaseSubject(String text, boolean replyOrForward) {

    /** Extracts the base subject of a Subject field value as sent (encoded-words not decoded yet). */
    public static BaseSubject of(String rawSubject) {
        String s = normalizeSpace(decode(rawSubject == null ? "" : rawSubject));
        boolean replyOrForward = false;
        while (true) {
            // (2) trailing subj-trailer, repeated: "(fwd)" or WSP
            while (true) {
                if (s.endsWith(" ")) {
                    s = s.substring(0, s.length() - 1);
                } else if (endsWithIgnoreCase(s, "(fwd)")) {
                    s = s.substring(0, s.length() - 5);
                    replyOrForward = true;
                } else {
                    break;
                }
            }
            // (3), (4), repeated as (5) says
            boolean changed = true;
            while (changed) {
                changed = false;
                int leader;
                while ((leader = leaderLength(s)) > 0) {
                    if (s.charAt(0) != ' ') {
                        replyOrForward = true;
                    }
                    s = s.substring(leader);
                    changed = true;
                }
                int blob = blobLength(s, 0);
                if (blob > 0 && blob < s.length()) {
                    s = s.substring(blob);
                    changed = true;
                }
            }
            // (6) "[fwd:" subject "]"
            if (s.length() >= 6 && s.regionMatches(true, 0, "[fwd:", 0, 5) && s.endsWith("]")) {
                s = s.substring(5, s.length() - 1);
                replyOrForward = true;
                continue;
            }
            return new BaseSubject(s, replyOrForward);
        }
    }

    /** (1) RFC 2047 encoded-words to Unicode; an unknown charset leaves the word as it is. */
    private static String decode(String raw) {
        try {
            return MimeUtility.decodeText(raw);
        } catch (UnsupportedEncodingException | RuntimeException e) {
            return raw;
        }
    }

    /** (1) tabs and continuations to a space, runs of spaces to one. */
    private static String normalizeSpace(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                if (!space) {
                    sb.append(' ');
                }
                space = true;
            } else {
                sb.append(c);
                space = false;
            }
        }
        return sb.toString();
    }

    /** Octets of a subj-leader at the start: {@code (*subj-blob subj-refwd) / WSP}, or 0. */
    private static int leaderLength(String s) {
        if (s.isEmpty()) {
            return 0;
        }
        if (s.charAt(0) == ' ') {
            return 1;
        }
        int i = 0;
        int blob;
        while ((blob = blobLength(s, i)) > 0) {
            i += blob;
        }
        int refwd = refwdLength(s, i);
        return refwd > 0 ? i + refwd : 0;
    }

    /** {@code subj-refwd = ("re" / ("fw" ["d"])) *WSP [subj-blob] ":"} at {@code at}, or 0. */
    private static int refwdLength(String s, int at) {
        for (String word : new String[] {"re", "fwd", "fw"}) {
            if (s.regionMatches(true, at, word, 0, word.length())) {
                int i = at + word.length();
                while (i < s.length() && s.charAt(i) == ' ') {
                    i++;
                }
                i += blobLength(s, i);
                if (i < s.length() && s.charAt(i) == ':') {
                    return i + 1 - at;
                }
            }
        }
        return 0;
    }

    /** {@code subj-blob = "[" *BLOBCHAR "]" *WSP} at {@code at}, or 0. */
    private static int blobLength(String s, int at) {
        if (at >= s.length() || s.charAt(at) != '[') {
            return 0;
        }
        int i = at + 1;
        while (i < s.length() && s.charAt(i) != ']') {
            char c = s.charAt(i);
            if (c == '[' || c == 0 || c > 0x7f) {
                return 0; // BLOBCHAR is %x01-5a / %x5c / %x5e-7f
            }
            i++;
        }
        if (i >= s.length()) {
            return 0;
        }
        i++;
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return i - at;
    }

    private static boolean endsWithIgnoreCase(String s, String suffix) {
        return s.length() >= suffix.length() && s.regionMatches(true, s.length() - suffix.length(), suffix, 0,
                suffix.length());
    }
}
