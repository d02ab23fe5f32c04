package org.mailroom.imap.fetch;

import java.util.List;
import java.util.Locale;
import org.mailroom.imap.protocol.CommandReader;
import org.mailroom.imap.protocol.ResponseWriter;
import org.mailroom.imap.protocol.SyntaxError;

/**
 * A section (RFC 9051 §6.4.5): part numbers, then HEADER, HEADER.FIELDS[.NOT] (list), TEXT or MIME,
 * or nothing for the whole message or part.
 */
public record Section(int[] part, Text text, List<String> fields) {

    public enum Text { NONE, HEADER, HEADER_FIELDS, HEADER_FIELDS_NOT, TEXT, MIME }

    public static final Section WHOLE = new Section(new int[0], Text.NONE, List.of());

    /** Reads what is between the brackets, brackets included. */
    static Section read(CommandReader r, boolean binary) {
        r.expect('[');
        if (r.tryChar(']')) {
            return WHOLE;
        }
        java.util.ArrayList<Integer> nums = new java.util.ArrayList<>();
        Text text = Text.NONE;
        List<String> fields = List.of();
        while (r.peek() >= '1' && r.peek() <= '9') {
            long n = r.number();
            if (n > 10_000 || nums.size() >= 100) {
                throw new SyntaxError("section part out of range");
            }
            nums.add((int) n);
            if (!r.tryChar('.')) {
                break;
            }
        }
        if (r.peek() != ']') {
            if (binary) {
                throw new SyntaxError("BINARY takes only part numbers");
            }
            String spec = r.charsWhile(c -> c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '.')
                    .toUpperCase(Locale.ROOT);
            text = switch (spec) {
                case "HEADER" -> Text.HEADER;
                case "HEADER.FIELDS" -> Text.HEADER_FIELDS;
                case "HEADER.FIELDS.NOT" -> Text.HEADER_FIELDS_NOT;
                case "TEXT" -> Text.TEXT;
                case "MIME" -> {
                    if (nums.isEmpty()) {
                        throw new SyntaxError("MIME needs a part number");
                    }
                    yield Text.MIME;
                }
                default -> throw new SyntaxError("unknown section text");
            };
            if (text == Text.HEADER_FIELDS || text == Text.HEADER_FIELDS_NOT) {
                r.sp();
                fields = r.list(r::astring, false);
            }
        }
        r.expect(']');
        int[] part = nums.stream().mapToInt(Integer::intValue).toArray();
        return new Section(part, text, fields);
    }

    /** The section as echoed in the response, e.g. {@code 1.2.HEADER.FIELDS ("FROM" "TO")}. */
    String echo() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < part.length; i++) {
            if (i > 0) {
                sb.append('.');
            }
            sb.append(part[i]);
        }
        if (text != Text.NONE) {
            if (part.length > 0) {
                sb.append('.');
            }
            sb.append(switch (text) {
                case HEADER -> "HEADER";
                case HEADER_FIELDS -> "HEADER.FIELDS";
                case HEADER_FIELDS_NOT -> "HEADER.FIELDS.NOT";
                case TEXT -> "TEXT";
                case MIME -> "MIME";
                case NONE -> "";
            });
            if (text == Text.HEADER_FIELDS || text == Text.HEADER_FIELDS_NOT) {
                sb.append(" (");
                for (int i = 0; i < fields.size(); i++) {
                    if (i > 0) {
                        sb.append(' ');
                    }
                    sb.append(ResponseWriter.quote(fields.get(i).toUpperCase(Locale.ROOT)));
                }
                sb.append(')');
            }
        }
        return sb.toString();
    }
}
