package org.mailroom.mime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Joining and decoding of RFC 2231 parameter continuations ({@code name*0*=}, {@code name*1=}) and charsets. */
final class Rfc2231 {

    private Rfc2231() {
    }

    private record Section(String value, boolean encoded) {
    }

    private static final class Joined {
        final String name;
        final TreeMap<Integer, Section> sections = new TreeMap<>();
        String plain;

        Joined(String name) {
            this.name = name;
        }
    }

    static List<Parameter> decode(List<Parameter> raw) {
        Map<String, Joined> byName = new LinkedHashMap<>();
        for (Parameter p : raw) {
            String name = p.name();
            int star = name.indexOf('*');
            String base = star < 0 ? name : name.substring(0, star);
            Joined j = byName.computeIfAbsent(base.toLowerCase(Locale.ROOT), k -> new Joined(base));
            if (star < 0) {
                if (j.plain == null) {
                    j.plain = p.value();
                }
                continue;
            }
            String rest = name.substring(star + 1);
            if (rest.isEmpty()) {
                // RFC 2231 §4: name*=charset'language'value, a single encoded section
                j.sections.putIfAbsent(0, new Section(p.value(), true));
                continue;
            }
            boolean encoded = rest.endsWith("*");
            String number = encoded ? rest.substring(0, rest.length() - 1) : rest;
            int section = parseSection(number);
            if (section < 0) {
                if (j.plain == null) {
                    j.plain = p.value(); // not RFC 2231 after all: keep as written
                }
            } else {
                j.sections.putIfAbsent(section, new Section(p.value(), encoded));
            }
        }
        List<Parameter> out = new ArrayList<>(byName.size());
        for (Joined j : byName.values()) {
            String value = j.sections.isEmpty() ? j.plain : join(j.sections);
            out.add(new Parameter(j.name, value));
        }
        return out;
    }

    /** RFC 2231 §3: a section number is digits without leading zeros; -1 otherwise. */
    private static int parseSection(String number) {
        if (number.isEmpty() || number.length() > 4 || (number.length() > 1 && number.charAt(0) == '0')) {
            return -1;
        }
        for (int i = 0; i < number.length(); i++) {
            if (number.charAt(i) < '0' || number.charAt(i) > '9') {
                return -1;
            }
        }
        return Integer.parseInt(number);
    }

    private static String join(TreeMap<Integer, Section> sections) {
        StringBuilder sb = new StringBuilder();
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        Charset charset = StandardCharsets.US_ASCII;
        int expected = sections.firstKey();
        boolean first = true;
        for (Map.Entry<Integer, Section> e : sections.entrySet()) {
            if (e.getKey() != expected) {
                break; // RFC 2231 §3: sections must be contiguous; ignore what follows a gap
            }
            expected++;
            Section s = e.getValue();
            if (!s.encoded()) {
                flush(pending, charset, sb);
                sb.append(s.value());
                first = false;
                continue;
            }
            String v = s.value();
            if (first) {
                // RFC 2231 §4: the first encoded section starts with charset'language'
                int q1 = v.indexOf('\'');
                int q2 = q1 < 0 ? -1 : v.indexOf('\'', q1 + 1);
                if (q2 >= 0) {
                    charset = charset(v.substring(0, q1));
                    v = v.substring(q2 + 1);
                }
            }
            first = false;
            percentDecode(v, pending);
        }
        flush(pending, charset, sb);
        return sb.toString();
    }

    private static void flush(ByteArrayOutputStream pending, Charset charset, StringBuilder sb) {
        if (pending.size() > 0) {
            sb.append(new String(pending.toByteArray(), charset));
            pending.reset();
        }
    }

    private static void percentDecode(String v, ByteArrayOutputStream out) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '%' && i + 2 < v.length() && hex(v.charAt(i + 1)) >= 0 && hex(v.charAt(i + 2)) >= 0) {
                out.write(hex(v.charAt(i + 1)) << 4 | hex(v.charAt(i + 2)));
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
    }

    static int hex(int c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }

    /** A charset by name; unknown names read as ISO-8859-1, which keeps every octet. */
    static Charset charset(String name) {
        try {
            return name.isBlank() ? StandardCharsets.US_ASCII : Charset.forName(name.trim());
        } catch (IllegalArgumentException e) {
            return StandardCharsets.ISO_8859_1;
        }
    }
}
