package org.mailroom.mime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The stored form of a {@link MessageStructure}: a version octet, then the fields depth-first, with
 * variable-length integers and length-prefixed UTF-8 strings (length + 1, so that 0 is null). A new
 * version gets a new number; old numbers stay readable.
 */
final class StructureCodec {

    static final int VERSION = 1;

    private static final int LEAF = 0;
    private static final int MULTIPART = 1;
    private static final int MESSAGE = 2;

    private StructureCodec() {
    }

    static byte[] encode(MessageStructure s) {
        Writer w = new Writer();
        w.out.write(VERSION);
        w.number(s.size());
        w.envelope(s.envelope());
        w.part(s.root());
        return w.out.toByteArray();
    }

    static MessageStructure decode(byte[] data) {
        if (data.length == 0 || data[0] != VERSION) {
            throw new IllegalArgumentException("unknown message structure version "
                    + (data.length == 0 ? "(empty)" : Integer.toString(data[0] & 0xff)));
        }
        try {
            Reader r = new Reader(data);
            long size = r.number();
            Envelope envelope = r.envelope();
            MimePart root = r.part(0);
            if (r.pos != data.length) {
                throw new IllegalArgumentException("trailing octets after the message structure");
            }
            return new MessageStructure(size, root, envelope);
        } catch (ArrayIndexOutOfBoundsException | NullPointerException e) {
            throw new IllegalArgumentException("truncated or corrupt message structure", e);
        }
    }

    private static final class Writer {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

        /** Unsigned LEB128; -1 (unknown decoded size) is stored as 0, every other value + 1. */
        void number(long v) {
            long u = v + 1;
            while ((u & ~0x7FL) != 0) {
                out.write((int) (u & 0x7F) | 0x80);
                u >>>= 7;
            }
            out.write((int) u);
        }

        void string(String s) {
            if (s == null) {
                number(-1);
                return;
            }
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            number(b.length);
            out.write(b, 0, b.length);
        }

        void parameters(Parameters p) {
            number(p.raw().size());
            for (Parameter x : p.raw()) {
                string(x.name());
                string(x.value());
            }
        }

        void addresses(List<Address> list) {
            number(list.size());
            for (Address a : list) {
                string(a.name());
                string(a.adl());
                string(a.mailbox());
                string(a.host());
            }
        }

        void envelope(Envelope e) {
            string(e.date());
            string(e.subject());
            addresses(e.from());
            addresses(e.sender());
            addresses(e.replyTo());
            addresses(e.to());
            addresses(e.cc());
            addresses(e.bcc());
            string(e.inReplyTo());
            string(e.messageId());
        }

        void part(MimePart p) {
            number(p.headerStart());
            number(p.bodyStart() - p.headerStart());
            number(p.bodyEnd() - p.bodyStart());
            number(p.lines());
            number(p.decodedSize());
            string(p.type().type());
            string(p.type().subtype());
            parameters(p.type().parameters());
            string(p.encoding());
            string(p.id());
            string(p.description());
            string(p.md5());
            if (p.disposition() == null) {
                string(null);
            } else {
                string(p.disposition().type());
                parameters(p.disposition().parameters());
            }
            number(p.language().size());
            for (String l : p.language()) {
                string(l);
            }
            string(p.location());
            if (p.isMultipart()) {
                out.write(MULTIPART);
                number(p.children().size());
                for (MimePart c : p.children()) {
                    part(c);
                }
            } else if (p.isEmbeddedMessage()) {
                out.write(MESSAGE);
                envelope(p.envelope());
                part(p.message());
            } else {
                out.write(LEAF);
            }
        }
    }

    private static final class Reader {
        final byte[] in;
        int pos = 1;

        Reader(byte[] in) {
            this.in = in;
        }

        long number() {
            long u = 0;
            int shift = 0;
            int b;
            do {
                if (shift > 63) {
                    throw new IllegalArgumentException("corrupt number in message structure");
                }
                b = in[pos++];
                u |= (long) (b & 0x7F) << shift;
                shift += 7;
            } while ((b & 0x80) != 0);
            return u - 1;
        }

        int count() {
            long n = number();
            if (n < 0 || n > in.length) {
                throw new IllegalArgumentException("corrupt count in message structure");
            }
            return (int) n;
        }

        String string() {
            long n = number();
            if (n < 0) {
                return null;
            }
            if (n > in.length - pos) {
                throw new IllegalArgumentException("corrupt string in message structure");
            }
            String s = new String(in, pos, (int) n, StandardCharsets.UTF_8);
            pos += (int) n;
            return s;
        }

        Parameters parameters() {
            int n = count();
            List<Parameter> list = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                list.add(new Parameter(string(), string()));
            }
            return new Parameters(list);
        }

        List<Address> addresses() {
            int n = count();
            List<Address> list = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                list.add(new Address(string(), string(), string(), string()));
            }
            return list;
        }

        Envelope envelope() {
            return new Envelope(string(), string(), addresses(), addresses(), addresses(), addresses(), addresses(),
                    addresses(), string(), string());
        }

        MimePart part(int depth) {
            if (depth > StructureParser.MAX_DEPTH + 1) {
                throw new IllegalArgumentException("message structure nested too deeply");
            }
            long headerStart = number();
            long bodyStart = headerStart + number();
            long bodyEnd = bodyStart + number();
            long lines = number();
            long decodedSize = number();
            MediaType type = new MediaType(string(), string(), parameters());
            String encoding = string();
            String id = string();
            String description = string();
            String md5 = string();
            String dispositionType = string();
            Disposition disposition = dispositionType == null ? null : new Disposition(dispositionType, parameters());
            int nLanguages = count();
            List<String> language = new ArrayList<>(nLanguages);
            for (int i = 0; i < nLanguages; i++) {
                language.add(string());
            }
            String location = string();
            int shape = in[pos++];
            List<MimePart> children = null;
            Envelope envelope = null;
            MimePart message = null;
            if (shape == MULTIPART) {
                int n = count();
                children = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    children.add(part(depth + 1));
                }
            } else if (shape == MESSAGE) {
                envelope = envelope();
                message = part(depth + 1);
            } else if (shape != LEAF) {
                throw new IllegalArgumentException("corrupt part shape in message structure");
            }
            return new MimePart(headerStart, bodyStart, bodyEnd, lines, decodedSize, type, encoding, id, description,
                    md5, disposition, language, location, children, envelope, message);
        }
    }
}
