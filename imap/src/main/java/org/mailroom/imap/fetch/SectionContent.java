package org.mailroom.imap.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.mailroom.mime.MessageStructure;
import org.mailroom.mime.MimePart;
import org.mailroom.mime.TransferDecoding;
import org.mailroom.imap.session.CommandFailed;
import org.mailroom.store.UserMailboxes;

/**
 * The octets of a section, found by the byte ranges computed at delivery (never by re-parsing) and
 * streamed from the store. Header field selections are the only ones read into heap: a header.
 */
final class SectionContent {

    /** A header larger than this is cut for HEADER.FIELDS; no real header comes close. */
    private static final int MAX_HEADER = 1 << 20;

    /** Where a section lies: an octet range of the stored message, or octets computed here. */
    record Range(long start, long end, byte[] computed, String encoding) {
        long length() {
            return computed != null ? computed.length : end - start;
        }
    }

    private SectionContent() {
    }

    /** The range of a BODY section; an empty range for a part that does not exist. */
    static Range locate(MessageStructure st, Section s, UserMailboxes store, long mailboxId, long uid) {
        MimePart part = s.part().length == 0 ? st.root() : st.section(s.part());
        if (part == null) {
            return new Range(0, 0, new byte[0], null);
        }
        if (s.part().length == 0 && s.text() == Section.Text.NONE) {
            return new Range(0, st.size(), null, null);
        }
        switch (s.text()) {
            case NONE:
                return new Range(part.bodyStart(), part.bodyEnd(), null, part.encoding());
            case MIME:
                return new Range(part.headerStart(), part.bodyStart(), null, null);
            default:
                break;
        }
        MimePart message = s.part().length == 0 ? st.root() : part.message();
        if (message == null) {
            return new Range(0, 0, new byte[0], null); // HEADER or TEXT of a part that is no message
        }
        return switch (s.text()) {
            case HEADER -> new Range(message.headerStart(), message.bodyStart(), null, null);
            case TEXT -> new Range(message.bodyStart(), message.bodyEnd(), null, null);
            default -> {
                byte[] header = read(store, mailboxId, uid, message.headerStart(),
                        Math.min(message.bodyStart(), message.headerStart() + MAX_HEADER));
                yield new Range(0, 0, HeaderFields.filter(header, s.fields(), s.text() == Section.Text.HEADER_FIELDS),
                        null);
            }
        };
    }

    /** The part a BINARY section names, which must be a leaf with a known encoding. */
    static MimePart binaryPart(MessageStructure st, Section s) {
        MimePart part = s.part().length == 0 ? st.root() : st.section(s.part());
        if (part != null && part.decodedSize() < 0 && !part.isMultipart() && !part.isEmbeddedMessage()) {
            throw new CommandFailed("[UNKNOWN-CTE] Unknown Content-Transfer-Encoding");
        }
        return part;
    }

    static InputStream open(UserMailboxes store, long mailboxId, long uid, long start, long end) {
        InputStream in = store.openContent(mailboxId, uid);
        try {
            in.skipNBytes(start);
        } catch (IOException e) {
            close(in);
            throw new UncheckedIOException(e);
        }
        return new BoundedStream(in, end - start);
    }

    static InputStream decoded(UserMailboxes store, long mailboxId, long uid, MimePart part) {
        InputStream raw = open(store, mailboxId, uid, part.bodyStart(), part.bodyEnd());
        if (part.encoding() == null || TransferDecoding.isIdentity(part.encoding()) || part.isMultipart()
                || part.isEmbeddedMessage()) {
            return raw;
        }
        return TransferDecoding.decode(raw, part.encoding());
    }

    static byte[] read(UserMailboxes store, long mailboxId, long uid, long start, long end) {
        try (InputStream in = open(store, mailboxId, uid, start, end)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void close(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // nothing more to read from it anyway
        }
    }

    /** At most {@code limit} octets of the underlying stream. */
    static final class BoundedStream extends java.io.FilterInputStream {
        private long left;

        BoundedStream(InputStream in, long limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }
}
