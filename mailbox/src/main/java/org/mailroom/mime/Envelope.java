package org.mailroom.mime;

import java.util.List;

/**
 * The header fields IMAP returns as ENVELOPE (RFC 9051 §7.5.2), taken from the first occurrence of
 * each field. String fields are the raw values, unfolded (CRLF before whitespace removed) and trimmed,
 * null when the field is absent; encoded-words are not decoded, as ENVELOPE returns them as sent.
 * Octets that are not valid UTF-8 are read as ISO-8859-1.
 *
 * <p>Address lists are empty when the field is absent or holds no address. They say exactly what the
 * message says: the defaulting of Sender and Reply-To to From that RFC 9051 asks of the server is
 * applied by {@link #effectiveSender()} and {@link #effectiveReplyTo()}, which the formatter uses.
 */
public record Envelope(
        String date,
        String subject,
        List<Address> from,
        List<Address> sender,
        List<Address> replyTo,
        List<Address> to,
        List<Address> cc,
        List<Address> bcc,
        String inReplyTo,
        String messageId) {

    public static final Envelope EMPTY =
            new Envelope(null, null, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), null, null);

    public Envelope {
        from = List.copyOf(from);
        sender = List.copyOf(sender);
        replyTo = List.copyOf(replyTo);
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        bcc = List.copyOf(bcc);
    }

    /** RFC 9051 §7.5.2: the Sender, or From when there is no Sender. */
    public List<Address> effectiveSender() {
        return sender.isEmpty() ? from : sender;
    }

    /** RFC 9051 §7.5.2: the Reply-To, or From when there is no Reply-To. */
    public List<Address> effectiveReplyTo() {
        return replyTo.isEmpty() ? from : replyTo;
    }
}
