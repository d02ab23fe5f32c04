package org.mailroom.mime;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Lenient parsing of the structured MIME fields (RFC 2045 §5.1 Content-Type, RFC 2183
 * Content-Disposition, RFC 3282 Content-Language). Never throws: what cannot be understood is
 * skipped, and a value without a usable type gives an empty result.
 */
final class FieldParser {

    private static final String TSPECIALS = "()<>@,;:\\\"/[]?=";

    private FieldParser() {
    }

    static Optional<MediaType> mediaType(String value) {
        String s = stripComments(value);
        int semi = s.indexOf(';');
        String main = (semi < 0 ? s : s.substring(0, semi)).trim();
        int slash = main.indexOf('/');
        if (slash <= 0) {
            return Optional.empty();
        }
        String type = main.substring(0, slash).trim();
        String subtype = leadingToken(main.substring(slash + 1).trim());
        if (!isToken(type) || subtype.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new MediaType(type, subtype, parameters(s, semi)));
    }

    static Optional<Disposition> disposition(String value) {
        String s = stripComments(value);
        int semi = s.indexOf(';');
        String type = leadingToken((semi < 0 ? s : s.substring(0, semi)).trim());
        if (type.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Disposition(type, parameters(s, semi)));
    }

    /** RFC 3282: a comma-separated list of language tags. */
    static List<String> languages(String value) {
        List<String> out = new ArrayList<>();
        for (String tag : stripComments(value).split("[,\\s]+")) {
            if (!tag.isEmpty()) {
                out.add(tag);
            }
        }
        return out;
    }

    /** Content-ID, Content-Location and friends: comments left alone, folding whitespace removed at the ends. */
    static String simple(String value) {
        return value == null ? null : value.trim();
    }

    /** The parameters after {@code from} (the index of the first ';', or -1 for none). */
    static Parameters parameters(String s, int from) {
        List<Parameter> out = new ArrayList<>();
        if (from < 0) {
            return Parameters.NONE;
        }
        int i = from;
        int n = s.length();
        while (i < n) {
            while (i < n && (s.charAt(i) == ';' || Character.isWhitespace(s.charAt(i)))) {
                i++;
            }
            int nameStart = i;
            while (i < n && s.charAt(i) != '=' && s.charAt(i) != ';') {
                i++;
            }
            if (i >= n || s.charAt(i) == ';') {
                continue; // a name without value: skipped
            }
            String name = s.substring(nameStart, i).trim();
            i++;
            while (i < n && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            String value;
            if (i < n && s.charAt(i) == '"') {
                StringBuilder sb = new StringBuilder();
                i++;
                while (i < n && s.charAt(i) != '"') {
                    char c = s.charAt(i++);
                    if (c == '\\' && i < n) {
                        c = s.charAt(i++);
                    }
                    sb.append(c);
                }
                i++;
                while (i < n && s.charAt(i) != ';') {
                    i++; // junk after the closing quote
                }
                value = sb.toString();
            } else {
                int valueStart = i;
                while (i < n && s.charAt(i) != ';') {
                    i++;
                }
                value = s.substring(valueStart, Math.min(i, n)).trim();
            }
            if (!name.isEmpty() && isParameterName(name)) {
                out.add(new Parameter(name, value));
            }
        }
        return new Parameters(out);
    }

    /** Removes RFC 5322 §3.2.2 comments (nested, with quoted pairs) outside quoted strings. */
    static String stripComments(String s) {
        if (s.indexOf('(') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (depth > 0) {
                if (c == '\\') {
                    i++;
                } else if (c == '(') {
                    depth++;
                } else if (c == ')' && --depth == 0) {
                    sb.append(' ');
                }
            } else if (quoted) {
                sb.append(c);
                if (c == '\\' && i + 1 < s.length()) {
                    sb.append(s.charAt(++i));
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '(') {
                depth = 1;
            } else {
                if (c == '"') {
                    quoted = true;
                }
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String leadingToken(String s) {
        int i = 0;
        while (i < s.length() && isTokenChar(s.charAt(i))) {
            i++;
        }
        return s.substring(0, i);
    }

    private static boolean isToken(String s) {
        return !s.isEmpty() && leadingToken(s).length() == s.length();
    }

    private static boolean isParameterName(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isTokenChar(c) && c != '*') {
                return false;
            }
        }
        return true;
    }

    private static boolean isTokenChar(char c) {
        return c > ' ' && c < 0x7f && TSPECIALS.indexOf(c) < 0;
    }
}
