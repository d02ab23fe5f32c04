package org.mailroom.imap.search;

import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mailroom.mime.MessageStructure;
import org.mailroom.mime.MimePart;
import org.mailroom.mime.TransferDecoding;
import org.mailroom.store.MessageHeader;
import org.mailroom.store.UserMailboxes;

/**
 * A message's header fields and text as SEARCH compares them (RFC 9051 §6.4.4): encoded-words and
 * transfer encodings decoded, charsets applied, read only when a key needs them and only the ranges
 * the stored structure points at.
 */
final class MessageText {

    /** Body text searched per message; beyond this the rest is not looked at. */
    static final int MAX_BODY = 8 << 20;
    private static final int MAX_HEADER = 1 << 20;

    private final UserMailboxes store;
    private final long mailboxId;
    private final long uid;
    private MessageStructure structure;
    private List<String[]> fields;
    private String body;
    private byte[] header;

    MessageText(UserMailboxes store, long mailboxId, long uid) {
        this.store = store;
        this.mailboxId = mailboxId;
        this.uid = uid;
    }

    /** With the structure and header bytes already read in one batch ({@link UserMailboxes#headers}). */
    MessageText(UserMailboxes store, long mailboxId, MessageHeader preloaded) {
        this(store, mailboxId, preloaded.uid());
        this.structure = preloaded.structure();
        this.header = preloaded.header();
    }

    MessageStructure structure() {
        if (structure == null) {
            structure = store.structure(mailboxId, uid);
        }
        return structure;
    }

    /** Decoded values of the fields named {@code name} (lower case). */
    List<String> header(String name) {
        List<String> out = new ArrayList<>();
        for (String[] f : fields()) {
            if (f[0].equals(name)) {
                out.add(f[1]);
            }
        }
        return out;
    }

    List<String[]> fields() {
        if (fields == null) {
            if (header == null) {
                MimePart root = structure().root();
                header = read(root.headerStart(), Math.min(root.bodyStart(), MAX_HEADER));
            }
            fields = parse(header);
        }
        return fields;
    }

    String body() {
        if (body == null) {
            StringBuilder sb = new StringBuilder();
            collect(structure().root(), sb);
            body = sb.toString();
        }
        return body;
    }

    private void collect(MimePart part, StringBuilder sb) {
        if (sb.length() > MAX_BODY) {
            return;
        }
        if (part.isMultipart()) {
            part.children().forEach(c -> collect(c, sb));
        } else if (part.isEmbeddedMessage()) {
            MimePart m = part.message();
            sb.append(headerText(read(m.headerStart(), Math.min(m.bodyStart(), m.headerStart() + MAX_HEADER))));
            collect(m, sb);
        } else if (part.type().isText() && part.decodedSize() >= 0) {
            long end = Math.min(part.bodyEnd(), part.bodyStart() + MAX_BODY);
            try (InputStream raw = new java.io.ByteArrayInputStream(read(part.bodyStart(), end));
                 InputStream in = part.encoding() == null ? raw : TransferDecoding.decode(raw, part.encoding())) {
                sb.append(new String(in.readAllBytes(), charset(part))).append('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static Charset charset(MimePart part) {
        String name = part.type().parameters().get("charset").orElse("us-ascii");
        try {
            Charset cs = Charset.forName(name);
            return cs.name().equals("US-ASCII") ? StandardCharsets.UTF_8 : cs;
        } catch (RuntimeException e) {
            return StandardCharsets.UTF_8;
        }
    }

    String headerText() {
        StringBuilder sb = new StringBuilder();
        for (String[] f : fields()) {
            sb.append(f[0]).append(": ").append(f[1]).append('\n');
        }
        return sb.toString();
    }

    private static String headerText(byte[] header) {
        StringBuilder sb = new StringBuilder();
        for (String[] f : parse(header)) {
            sb.append(f[0]).append(": ").append(f[1]).append('\n');
        }
        return sb.toString();
    }

    private byte[] read(long start, long end) {
        try (InputStream in = store.openContent(mailboxId, uid)) {
            in.skipNBytes(start);
            return in.readNBytes((int) Math.max(0, end - start));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Unfolded fields: [lower-case name, decoded value]. */
    static List<String[]> parse(byte[] header) {
        String text = utf8OrLatin1(header);
        List<String[]> out = new ArrayList<>();
        StringBuilder current = null;
        for (String line : text.split("\r?\n", -1)) {
            if (line.isEmpty()) {
                break;
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && current != null) {
                current.append(line);
                continue;
            }
            if (current != null) {
                out.add(field(current.toString()));
            }
            current = new StringBuilder(line);
        }
        if (current != null) {
            out.add(field(current.toString()));
        }
        out.removeIf(f -> f == null);
        return out;
    }

    private static String[] field(String line) {
        int colon = line.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        String value = line.substring(colon + 1).trim();
        try {
            value = MimeUtility.decodeText(value);
        } catch (UnsupportedEncodingException | RuntimeException e) {
            // an unknown charset in an encoded-word: search the text as it is
        }
        return new String[] {line.substring(0, colon).trim().toLowerCase(Locale.ROOT), value};
    }

    private static String utf8OrLatin1(byte[] b) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(b)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return new String(b, StandardCharsets.ISO_8859_1);
        }
    }
}
