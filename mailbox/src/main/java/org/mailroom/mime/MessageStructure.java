package org.mailroom.mime;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * What IMAP needs to answer FETCH without re-parsing a message, computed once at delivery or APPEND:
 * size, header length, the top-level ENVELOPE, and the part tree behind BODYSTRUCTURE and
 * {@code BODY[section]} (byte ranges, line counts, decoded sizes). See {@link MimePart} for the
 * offsets and {@link Envelope} for the envelope's conventions.
 */
public final class MessageStructure {

    private final long size;
    private final MimePart root;
    private final Envelope envelope;

    MessageStructure(long size, MimePart root, Envelope envelope) {
        if (root.headerStart() != 0 || root.bodyEnd() > size) {
            throw new IllegalArgumentException("root part does not span the message");
        }
        this.size = size;
        this.root = root;
        this.envelope = Objects.requireNonNull(envelope);
    }

    /**
     * Parses a whole message from the stream in one pass, with bounded memory whatever its size.
     * Broken MIME never makes it fail; only the stream's own IOException does.
     */
    public static MessageStructure parse(InputStream in) throws IOException {
        return StructureParser.parse(in);
    }

    /** Octets of the whole message (RFC822.SIZE). */
    public long size() {
        return size;
    }

    /** Octets of the top-level header, including the blank line that ends it. */
    public long headerLength() {
        return root.bodyStart();
    }

    /** The message itself as a MIME entity: its header is the message header, headerStart 0. */
    public MimePart root() {
        return root;
    }

    /** The top-level ENVELOPE. */
    public Envelope envelope() {
        return envelope;
    }

    /** The part a section-part names (RFC 9051 §6.4.5), or null; see {@link MimePart#section}. */
    public MimePart section(int... path) {
        return root.section(path);
    }

    /**
     * The same structure for the message with {@code prefixLength} octets of header lines put in
     * front (Return-Path and Delivered-To added per recipient): every offset moves, the top-level
     * header grows.
     */
    public MessageStructure shifted(long prefixLength) {
        if (prefixLength == 0) {
            return this;
        }
        MimePart m = root.moved(prefixLength);
        MimePart r = new MimePart(0, m.bodyStart(), m.bodyEnd(), m.lines(), m.decodedSize(), m.type(), m.encoding(),
                m.id(), m.description(), m.md5(), m.disposition(), m.language(), m.location(), m.children(),
                m.envelope(), m.message());
        return new MessageStructure(size + prefixLength, r, envelope);
    }

    /** A compact, versioned binary form for the store. */
    public byte[] encode() {
        return StructureCodec.encode(this);
    }

    /**
     * Reads what {@link #encode()} wrote.
     *
     * @throws IllegalArgumentException if the data is not an encoded structure of a known version
     */
    public static MessageStructure decode(byte[] data) {
        return StructureCodec.decode(data);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MessageStructure other && size == other.size && root.equals(other.root)
                && envelope.equals(other.envelope);
    }

    @Override
    public int hashCode() {
        return Objects.hash(size, root, envelope);
    }

    @Override
    public String toString() {
        return "MessageStructure[size=" + size + ", headerLength=" + headerLength() + ", type=" + root.type() + "]";
    }
}
