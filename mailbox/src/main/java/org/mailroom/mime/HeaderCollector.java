package org.mailroom.mime;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Keeps, from one header block going by line by line, the first occurrence of the fields the
 * structure needs, unfolded (RFC 5322 §2.2.3) and capped: nothing else of the header is held.
 * A line without a colon is not a field and is skipped, as is a continuation line without a field.
 */
final class HeaderCollector {

    /** Longest field value kept; a longer one is cut (a To: of thousands of recipients). */
    static final int MAX_VALUE = 128 * 1024;

    static final Set<String> WANTED = Set.of(
            "content-type", "content-transfer-encoding", "content-id", "content-description", "content-md5",
            "content-disposition", "content-language", "content-location",
            "date", "subject", "from", "sender", "reply-to", "to", "cc", "bcc", "in-reply-to", "message-id");

    private final Map<String, String> fields = new HashMap<>();
    private final ByteArrayOutputStream value = new ByteArrayOutputStream();
    private String current;

    void accept(LineReader r) {
        int content = r.contentLength();
        if (r.continuation || (content > 0 && (r.line[0] == ' ' || r.line[0] == '\t'))) {
            if (current != null) {
                append(r.line, 0, content);
            }
            return;
        }
        finishField();
        int colon = -1;
        for (int i = 0; i < content; i++) {
            if (r.line[i] == ':') {
                colon = i;
                break;
            }
        }
        if (colon <= 0) {
            return;
        }
        String name = new String(r.line, 0, colon, StandardCharsets.ISO_8859_1).trim().toLowerCase(Locale.ROOT);
        if (WANTED.contains(name) && !fields.containsKey(name)) {
            current = name;
            append(r.line, colon + 1, content - colon - 1);
        }
    }

    private void append(byte[] b, int off, int len) {
        int room = MAX_VALUE - value.size();
        if (room > 0) {
            value.write(b, off, Math.min(room, len));
        }
    }

    private void finishField() {
        if (current != null) {
            fields.put(current, text(value.toByteArray()).trim());
            current = null;
        }
        value.reset();
    }

    /** The collected fields, by lower-case name. */
    Map<String, String> finish() {
        finishField();
        return fields;
    }

    /** UTF-8 (RFC 6532) when the octets are valid UTF-8, ISO-8859-1 (one char per octet) otherwise. */
    static String text(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }
}
