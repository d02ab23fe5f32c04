package org.mailroom.mime;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One MIME entity of a stored message: where its header and body lie in the message octets, and
 * what BODYSTRUCTURE (RFC 9051 §7.5.2) says about it.
 *
 * <p>Offsets count from the first octet of the stored content: the header runs from
 * {@code headerStart} to {@code bodyStart} (its closing blank line included), the body from
 * {@code bodyStart} to {@code bodyEnd}. For a part of a multipart, the line break before the next
 * boundary belongs to the boundary (RFC 2046 §5.1.1), not to the body. So BODY[n.MIME] is
 * [headerStart, bodyStart), BODY[n] and BODY[n.TEXT] are [bodyStart, bodyEnd).
 *
 * <p>Exactly one of three shapes:
 * <ul>
 * <li>a multipart: {@code children} non-null (possibly empty when no boundary was ever found in the
 *     body; a BODYSTRUCTURE writer then describes the body as one empty text/plain part, as Dovecot does);
 * <li>an embedded message (message/rfc822 or message/global, identity-encoded): {@code envelope} and
 *     {@code message} non-null, {@code message.headerStart() == bodyStart()};
 * <li>a leaf: neither.
 * </ul>
 * A multipart without a boundary parameter is a text/plain leaf (RFC 2045 §5.2), and one nested
 * deeper than the parser's limit an application/octet-stream leaf; an encoded message/rfc822
 * (forbidden by RFC 2046 §5.2.1) is a leaf that keeps its type.
 *
 * @param lines body-fld-lines: lines of the body, a last line without terminator included
 * @param decodedSize octets of the body after Content-Transfer-Encoding decoding (BINARY.SIZE),
 *     -1 when the encoding is unknown
 * @param encoding the Content-Transfer-Encoding as written, null when absent (IMAP shows "7BIT")
 * @param id the Content-ID, null when absent
 * @param description the Content-Description, raw, null when absent
 * @param md5 the Content-MD5, null when absent
 * @param disposition null when absent or unusable
 * @param language the Content-Language tags, empty when absent
 * @param location the Content-Location, null when absent
 */
public record MimePart(
        long headerStart,
        long bodyStart,
        long bodyEnd,
        long lines,
        long decodedSize,
        MediaType type,
        String encoding,
        String id,
        String description,
        String md5,
        Disposition disposition,
        List<String> language,
        String location,
        List<MimePart> children,
        Envelope envelope,
        MimePart message) {

    public MimePart {
        Objects.requireNonNull(type);
        language = List.copyOf(language);
        children = children == null ? null : List.copyOf(children);
        if ((envelope == null) != (message == null)) {
            throw new IllegalArgumentException("an embedded message needs both envelope and root part");
        }
        if (children != null && message != null) {
            throw new IllegalArgumentException("a part is either multipart or message");
        }
    }

    public boolean isMultipart() {
        return children != null;
    }

    public boolean isEmbeddedMessage() {
        return message != null;
    }

    public long headerLength() {
        return bodyStart - headerStart;
    }

    public long bodySize() {
        return bodyEnd - bodyStart;
    }

    /**
     * The part an IMAP section-part ({@code 1.2.3}, RFC 9051 §6.4.5) names, counting from this part
     * as the top of a message: numbers walk into the children of a multipart; a non-multipart
     * message has one part, number 1, itself; a number after an embedded message's own number walks
     * into that embedded message. Null when no such part exists.
     */
    public MimePart section(int... path) {
        MimePart p = this;
        for (int i = 0; i < path.length; i++) {
            if (i > 0) {
                if (p.message != null) {
                    p = p.message;
                } else if (p.children == null) {
                    return null; // a leaf has no parts below it
                }
            }
            int n = path[i];
            if (p.children != null) {
                if (n < 1 || n > p.children.size()) {
                    return null;
                }
                p = p.children.get(n - 1);
            } else if (n != 1) {
                return null; // only the top of a non-multipart message is part 1 of itself
            }
        }
        return p;
    }

    /** The same part with every offset moved by {@code delta}. */
    MimePart moved(long delta) {
        List<MimePart> kids = null;
        if (children != null) {
            kids = new ArrayList<>(children.size());
            for (MimePart c : children) {
                kids.add(c.moved(delta));
            }
        }
        return new MimePart(headerStart + delta, bodyStart + delta, bodyEnd + delta, lines, decodedSize, type,
                encoding, id, description, md5, disposition, language, location, kids, envelope,
                message == null ? null : message.moved(delta));
    }
}
