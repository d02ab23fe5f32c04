package org.mailroom.mime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One pass over a message, line by line, building the part tree. Memory stays bounded whatever the
 * message: one line fragment, the wanted fields of the header being read (capped), the boundaries of
 * the open multiparts and one tracker per open part, at most {@link #MAX_DEPTH} deep.
 *
 * <p>Broken MIME is read the way the common parsers read it: a boundary of an enclosing multipart
 * also ends the inner ones (RFC 2046 §5.1.2), a missing close delimiter ends the multipart at the end
 * of its parent, and nothing ever throws except the input stream itself.
 */
final class StructureParser {

    /** Multiparts and messages nested deeper than this are opaque leaves. */
    static final int MAX_DEPTH = 100;

    /** Parts beyond this count are not split further, bounding the size of the tree. */
    static final int MAX_PARTS = 10_000;

    private final LineReader in;
    private final List<BodyTracker> open = new ArrayList<>();
    private final List<byte[]> boundaries = new ArrayList<>();
    private int parts;
    private boolean closeDelimiter;

    private StructureParser(InputStream in) {
        this.in = new LineReader(in);
    }

    static MessageStructure parse(InputStream input) throws IOException {
        StructureParser p = new StructureParser(input);
        Parsed root = p.part(0, MediaType.TEXT_PLAIN, true);
        return new MessageStructure(p.in.position(), root.part(), root.envelope());
    }

    /** A part, and the envelope of its header when that header is a message's. */
    private record Parsed(MimePart part, Envelope envelope) {
    }

    private Parsed part(int depth, MediaType defaultType, boolean isMessage) throws IOException {
        parts++;
        long headerStart = in.position();
        Map<String, String> h = readHeader();
        long bodyStart = in.position();

        String contentType = h.get("content-type");
        MediaType type = contentType == null
                ? defaultType
                : FieldParser.mediaType(contentType).orElse(MediaType.TEXT_PLAIN);
        String encoding = FieldParser.simple(h.get("content-transfer-encoding"));
        boolean opaque = depth >= MAX_DEPTH || parts >= MAX_PARTS;
        String boundary = type.isMultipart() ? type.parameters().get("boundary").orElse("") : null;
        if (boundary != null && boundary.isEmpty()) {
            type = MediaType.TEXT_PLAIN;
        } else if (boundary != null && opaque) {
            type = MediaType.OCTET_STREAM;
        }
        boolean multipart = type.isMultipart();
        boolean embedded = type.isEmbeddedMessage() && TransferDecoding.isIdentity(encoding) && !opaque;
        boolean leaf = !multipart && !embedded;

        TransferDecoding.Decoder decoder = leaf ? TransferDecoding.decoder(encoding) : null;
        BodyTracker body = new BodyTracker(bodyStart, decoder);
        open.add(body);
        List<MimePart> children = null;
        Parsed message = null;
        if (multipart) {
            children = multipartBody(depth, boundary, type.subtype().equals("digest"));
        } else if (embedded) {
            message = part(depth + 1, MediaType.TEXT_PLAIN, true);
        } else {
            while (in.peek() && !atBoundary()) {
                consume();
            }
        }
        open.remove(open.size() - 1);
        body.close(in.peek());

        long bodySize = body.end() - bodyStart;
        long decodedSize = TransferDecoding.isIdentity(encoding) ? bodySize : decoder != null ? body.decodedSize() : -1;
        MimePart part = new MimePart(headerStart, bodyStart, body.end(), body.lines(), decodedSize, type, encoding,
                FieldParser.simple(h.get("content-id")),
                FieldParser.simple(h.get("content-description")),
                FieldParser.simple(h.get("content-md5")),
                h.get("content-disposition") == null ? null : FieldParser.disposition(h.get("content-disposition")).orElse(null),
                h.get("content-language") == null ? List.of() : FieldParser.languages(h.get("content-language")),
                FieldParser.simple(h.get("content-location")),
                children,
                message == null ? null : message.envelope(),
                message == null ? null : message.part());
        return new Parsed(part, isMessage ? envelope(h) : null);
    }

    private List<MimePart> multipartBody(int depth, String boundary, boolean digest) throws IOException {
        boundaries.add(("--" + boundary).getBytes(StandardCharsets.UTF_8));
        int mine = boundaries.size() - 1;
        List<MimePart> children = new ArrayList<>();
        boolean closed = false;
        while (in.peek()) {
            int match = matchBoundary();
            if (match < 0 || (closed && match == mine)) {
                consume(); // preamble, epilogue
            } else if (match < mine) {
                break; // an enclosing multipart's boundary ends this one too
            } else {
                boolean close = closeDelimiter;
                consume();
                if (close) {
                    closed = true;
                } else {
                    children.add(part(depth + 1, digest ? MediaType.MESSAGE_RFC822 : MediaType.TEXT_PLAIN, false).part());
                }
            }
        }
        boundaries.remove(mine);
        return children;
    }

    private Map<String, String> readHeader() throws IOException {
        HeaderCollector header = new HeaderCollector();
        while (in.peek()) {
            if (in.isBlank()) {
                consume();
                break;
            }
            if (atBoundary()) {
                break;
            }
            header.accept(in);
            consume();
        }
        return header.finish();
    }

    private void consume() {
        for (BodyTracker t : open) {
            t.feed(in);
        }
        in.consume();
    }

    private boolean atBoundary() {
        return matchBoundary() >= 0;
    }

    /**
     * Index of the innermost open boundary that the current line is a delimiter of (RFC 2046 §5.1.1:
     * "--" boundary, "--" again for the close delimiter, then only linear whitespace), or -1.
     * Sets {@link #closeDelimiter}.
     */
    private int matchBoundary() {
        if (boundaries.isEmpty() || in.continuation) {
            return -1;
        }
        int len = in.contentLength();
        byte[] line = in.line;
        if (len < 2 || line[0] != '-' || line[1] != '-') {
            return -1;
        }
        for (int i = boundaries.size() - 1; i >= 0; i--) {
            byte[] b = boundaries.get(i);
            if (len < b.length || !startsWith(line, b)) {
                continue;
            }
            int k = b.length;
            boolean close = k + 1 < len && line[k] == '-' && line[k + 1] == '-';
            if (close) {
                k += 2;
            }
            while (k < len && (line[k] == ' ' || line[k] == '\t' || line[k] == '\r')) {
                k++;
            }
            if (k == len) {
                closeDelimiter = close;
                return i;
            }
        }
        return -1;
    }

    private static boolean startsWith(byte[] line, byte[] prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if (line[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static Envelope envelope(Map<String, String> h) {
        return new Envelope(
                h.get("date"),
                h.get("subject"),
                AddressParser.parse(h.get("from")),
                AddressParser.parse(h.get("sender")),
                AddressParser.parse(h.get("reply-to")),
                AddressParser.parse(h.get("to")),
                AddressParser.parse(h.get("cc")),
                AddressParser.parse(h.get("bcc")),
                h.get("in-reply-to"),
                h.get("message-id"));
    }
}
