package org.mailroom.imap.fetch;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * HEADER.FIELDS and HEADER.FIELDS.NOT (RFC 9051 §6.4.5): the header's fields, continuation lines
 * included, kept or dropped by name, then the blank line that ends a header.
 */
final class HeaderFields {

    private HeaderFields() {
    }

    static byte[] filter(byte[] header, List<String> names, boolean keep) {
        Set<String> wanted = new TreeSet<>();
        for (String n : names) {
            wanted.add(n.toLowerCase(Locale.ROOT));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        boolean including = false;
        while (i < header.length) {
            int end = i;
            while (end < header.length && header[end] != '\n') {
                end++;
            }
            int next = Math.min(end + 1, header.length);
            int contentEnd = end > i && header[end - 1] == '\r' ? end - 1 : end;
            if (contentEnd == i) {
                break; // the blank line that ends the header
            }
            byte first = header[i];
            if (first != ' ' && first != '\t') {
                int colon = indexOf(header, (byte) ':', i, contentEnd);
                String name = colon < 0 ? "" : new String(header, i, colon - i, StandardCharsets.ISO_8859_1)
                        .trim().toLowerCase(Locale.ROOT);
                including = colon >= 0 && wanted.contains(name) == keep;
            }
            if (including) {
                out.write(header, i, next - i);
                if (next == header.length && header[next - 1] != '\n') {
                    out.write('\r');
                    out.write('\n');
                }
            }
            i = next;
        }
        out.write('\r');
        out.write('\n');
        return out.toByteArray();
    }

    private static int indexOf(byte[] b, byte c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }
}
