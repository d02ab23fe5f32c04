package org.mailroom.imap.sort;

import java.text.Normalizer;
import java.util.Comparator;

/**
 * The i;unicode-casemap collation (RFC 5051 §2), which RFC 5256 §1 asks SORT and THREAD to use
 * through I18NLEVEL=1 (RFC 5255 §4.2): each character is replaced by its titlecase form, the result
 * is decomposed by NFKD, and the strings are compared octet by octet as UTF-8, which is the order
 * of their code points.
 */
public final class Collation {

    /** Orders keys made by {@link #key}. */
    public static final Comparator<String> ORDER = Collation::compareCodePoints;

    private Collation() {
    }

    /** The canonical form that is compared (RFC 5051 §2, steps 1 and 2). */
    public static String key(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> sb.appendCodePoint(Character.toTitleCase(cp)));
        return Normalizer.normalize(sb, Normalizer.Form.NFKD);
    }

    /** Code point order, which is the order of the UTF-8 octets (unlike String.compareTo on UTF-16). */
    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }
}
