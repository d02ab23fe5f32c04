package org.mailroom.imap.fetch;

import java.util.List;
import org.mailroom.imap.protocol.ResponseWriter;
import org.mailroom.mime.Address;
import org.mailroom.mime.Envelope;

/**
 * envelope (RFC 9051 §7.5.2): {@code "(" date SP subject SP from SP sender SP reply-to SP to SP cc
 * SP bcc SP in-reply-to SP message-id ")"}, with Sender and Reply-To defaulting to From.
 */
public final class EnvelopeWriter {

    private EnvelopeWriter() {
    }

    public static void write(ResponseWriter out, Envelope e) {
        out.text("(");
        out.nstring(e.date()).sp();
        out.nstring(e.subject()).sp();
        addresses(out, e.from());
        out.sp();
        addresses(out, e.effectiveSender());
        out.sp();
        addresses(out, e.effectiveReplyTo());
        out.sp();
        addresses(out, e.to());
        out.sp();
        addresses(out, e.cc());
        out.sp();
        addresses(out, e.bcc());
        out.sp();
        out.nstring(e.inReplyTo()).sp();
        out.nstring(e.messageId());
        out.text(")");
    }

    private static void addresses(ResponseWriter out, List<Address> list) {
        if (list.isEmpty()) {
            out.text("NIL");
            return;
        }
        out.text("(");
        for (Address a : list) {
            out.text("(");
            out.nstring(a.name()).sp();
            out.nstring(a.adl()).sp();
            out.nstring(a.mailbox()).sp();
            out.nstring(a.host());
            out.text(")");
        }
        out.text(")");
    }
}
