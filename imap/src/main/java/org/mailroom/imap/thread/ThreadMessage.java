package org.mailroom.imap.thread;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mailroom.imap.sort.BaseSubject;
import org.mailroom.imap.sort.Collation;
import org.mailroom.imap.sort.SentDate;
import org.mailroom.mime.Envelope;
import org.mailroom.store.MessageHeader;
import org.mailroom.store.MessageSummary;

/**
 * What threading needs of one message (RFC 5256 §2.1, §2.2, §4): its sent date, base subject,
 * Message-ID and references, taken from the envelope stored at delivery and, for REFERENCES, the
 * References field of the header bytes (never the body).
 *
 * @param subjectKey the base subject in collation form, which groups messages
 * @param messageId the first valid msg-id of Message-ID, or null
 * @param references the valid msg-ids of References, or else the first of In-Reply-To (RFC 5256 §4 step 1)
 */
public record ThreadMessage(long uid, Instant sentDate, BaseSubject subject, String subjectKey, String messageId,
                            List<String> references) {

    /** A msg-id as RFC 5322 §3.6.4 writes it: {@code "<" id-left "@" id-right ">"}, no space inside. */
    private static final Pattern MSG_ID = Pattern.compile("<([^<>@\\s]+@[^<>@\\s]+)>");

    public ThreadMessage {
        references = List.copyOf(references);
    }

    public static ThreadMessage of(MessageSummary m, MessageHeader h) {
        Envelope e = h.structure().envelope();
        BaseSubject subject = BaseSubject.of(e.subject());
        List<String> refs = h.header() == null ? List.of() : msgIds(field(h.header(), "references"));
        if (refs.isEmpty()) {
            List<String> inReplyTo = msgIds(e.inReplyTo());
            refs = inReplyTo.isEmpty() ? List.of() : List.of(inReplyTo.get(0));
        }
        List<String> ids = msgIds(e.messageId());
        return new ThreadMessage(m.uid(), SentDate.of(e.date(), m.internalDate()), subject,
                Collation.key(subject.text()), ids.isEmpty() ? null : ids.get(0), refs);
    }

    /** The valid msg-ids in a field value, in order (what is not one is skipped). */
    static List<String> msgIds(String value) {
        List<String> out = new ArrayList<>();
        if (value != null) {
            Matcher m = MSG_ID.matcher(value);
            while (m.find()) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    /** The unfolded value of the first field named {@code name} (lower case) in header bytes, or null. */
    static String field(byte[] header, String name) {
        String text = new String(header, StandardCharsets.ISO_8859_1);
        StringBuilder value = null;
        for (String line : text.split("\r?\n", -1)) {
            if (line.isEmpty()) {
                break;
            }
            boolean continuation = line.charAt(0) == ' ' || line.charAt(0) == '\t';
            if (value != null) {
                if (!continuation) {
                    break;
                }
                value.append(line);
                continue;
            }
            int colon = line.indexOf(':');
            if (!continuation && colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name)) {
                value = new StringBuilder(line.substring(colon + 1));
            }
        }
        return value == null ? null : value.toString();
    }
}
