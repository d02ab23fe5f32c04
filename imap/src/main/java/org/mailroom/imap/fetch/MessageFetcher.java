package org.mailroom.imap.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.mailroom.imap.command.DateArgument;
import org.mailroom.imap.protocol.ResponseWriter;
import org.mailroom.imap.session.FlagText;
import org.mailroom.mime.MessageStructure;
import org.mailroom.mime.MimePart;
import org.mailroom.store.MessageSummary;
import org.mailroom.store.UserMailboxes;

/** Writes one message's FETCH response (RFC 9051 §7.5.2) from its summary and stored structure. */
public final class MessageFetcher {

    private final UserMailboxes store;
    private final long mailboxId;
    private final ResponseWriter out;
    private final MessageAttributes attributes;

    public MessageFetcher(UserMailboxes store, long mailboxId, ResponseWriter out) {
        this.store = store;
        this.mailboxId = mailboxId;
        this.out = out;
        this.attributes = new MessageAttributes(store, mailboxId);
    }

    /** The messages about to be written, so that their identities are read in one query when asked for. */
    public void prepare(List<MessageSummary> messages) {
        attributes.prepare(messages);
    }

    public void write(int seq, MessageSummary m, List<FetchItem> items, boolean recent, boolean addFlags) {
        MessageStructure structure = null;
        out.text("* " + seq + " FETCH (");
        boolean first = true;
        for (FetchItem item : items) {
            if (!first) {
                out.sp();
            }
            first = false;
            if (item instanceof FetchItem.Simple s) {
                if (needsStructure(s) && structure == null) {
                    structure = store.structure(mailboxId, m.uid());
                }
                simple(s, m, structure, recent);
            } else if (item instanceof FetchItem.Attribute a) {
                attributes.write(a, m, out);
            } else {
                if (structure == null) {
                    structure = store.structure(mailboxId, m.uid());
                }
                if (item instanceof FetchItem.Body b) {
                    body(b, m, structure);
                } else if (item instanceof FetchItem.BinarySize bs) {
                    binarySize(bs, structure);
                }
            }
        }
        if (addFlags) {
            out.sp();
            simple(FetchItem.Simple.FLAGS, m, structure, recent);
        }
        out.text(")").crlf();
    }

    private static boolean needsStructure(FetchItem.Simple s) {
        return s == FetchItem.Simple.ENVELOPE || s == FetchItem.Simple.BODY || s == FetchItem.Simple.BODYSTRUCTURE;
    }

    private void simple(FetchItem.Simple s, MessageSummary m, MessageStructure st, boolean recent) {
        switch (s) {
            case UID -> out.text("UID " + m.uid());
            case MODSEQ -> out.text("MODSEQ (" + m.modSeq() + ")");
            case FLAGS -> out.text("FLAGS " + FlagText.of(m.flags(), recent));
            case INTERNALDATE -> out.text("INTERNALDATE \"" + DateArgument.format(m.internalDate()) + "\"");
            case RFC822_SIZE -> out.text("RFC822.SIZE " + m.size());
            case ENVELOPE -> {
                out.text("ENVELOPE ");
                EnvelopeWriter.write(out, st.envelope());
            }
            case BODY -> {
                out.text("BODY ");
                BodyStructureWriter.write(out, st.root(), false);
            }
            case BODYSTRUCTURE -> {
                out.text("BODYSTRUCTURE ");
                BodyStructureWriter.write(out, st.root(), true);
            }
        }
    }

    private void body(FetchItem.Body b, MessageSummary m, MessageStructure st) {
        out.text(b.label());
        if (b.bracketed()) {
            out.text("[" + b.section().echo() + "]");
        }
        if (b.offset() >= 0) {
            out.text("<" + b.offset() + ">");
        }
        out.sp();
        if (b.binary()) {
            binary(b, m, st);
            return;
        }
        SectionContent.Range r = SectionContent.locate(st, b.section(), store, mailboxId, m.uid());
        long total = r.length();
        long from = b.offset() < 0 ? 0 : Math.min(b.offset(), total);
        long count = b.offset() < 0 ? total : Math.min(b.length(), total - from);
        if (r.computed() != null) {
            byte[] slice = java.util.Arrays.copyOfRange(r.computed(), (int) from, (int) (from + count));
            out.literal(slice, false);
            return;
        }
        if (count == 0) {
            out.text("\"\"");
            return;
        }
        try (InputStream in = SectionContent.open(store, mailboxId, m.uid(), r.start() + from, r.start() + from + count)) {
            out.literal(in, count, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void binary(FetchItem.Body b, MessageSummary m, MessageStructure st) {
        if (b.section().part().length == 0) {
            long total = st.size();
            long from = b.offset() < 0 ? 0 : Math.min(b.offset(), total);
            long count = b.offset() < 0 ? total : Math.min(b.length(), total - from);
            try (InputStream in = SectionContent.open(store, mailboxId, m.uid(), from, from + count)) {
                out.literal(in, count, true);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return;
        }
        MimePart part = SectionContent.binaryPart(st, b.section());
        if (part == null) {
            out.text("\"\"");
            return;
        }
        long total = decodedSize(part);
        long from = b.offset() < 0 ? 0 : Math.min(b.offset(), total);
        long count = b.offset() < 0 ? total : Math.min(b.length(), total - from);
        try (InputStream in = SectionContent.decoded(store, mailboxId, m.uid(), part)) {
            in.skipNBytes(from);
            out.literal(in, count, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void binarySize(FetchItem.BinarySize bs, MessageStructure st) {
        out.text("BINARY.SIZE[" + bs.section().echo() + "] ");
        if (bs.section().part().length == 0) {
            out.number(st.size());
            return;
        }
        MimePart part = SectionContent.binaryPart(st, bs.section());
        out.number(part == null ? 0 : decodedSize(part));
    }

    private static long decodedSize(MimePart part) {
        if (part.isMultipart() || part.isEmbeddedMessage() || part.decodedSize() < 0) {
            return part.bodySize();
        }
        return part.decodedSize();
    }
}
