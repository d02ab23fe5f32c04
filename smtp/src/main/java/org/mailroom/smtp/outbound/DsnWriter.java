package org.mailroom.smtp.outbound;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.mailroom.store.QueuedRecipient;

/**
 * Writes a delivery status notification (RFC 3464): a {@code multipart/report} with a human-readable
 * part, a {@code message/delivery-status} part with one block per recipient, and the original message
 * ({@code message/rfc822}) or only its header ({@code text/rfc822-headers}).
 */
final class DsnWriter {

    /** Above this, even a failure notice returns only the header: a bounce must not be a second large message. */
    static final long FULL_RETURN_LIMIT = 10L * 1024 * 1024;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** RFC 3464 §2.3.3 action values. */
    enum Action {
        FAILED("failed", "Undelivered Mail Returned to Sender", "could not be delivered to one or more recipients."),
        DELAYED("delayed", "Delayed Mail (still being retried)", "has not yet been delivered to one or more recipients. "
                + "Delivery is still being attempted; you need not send it again."),
        RELAYED("relayed", "Successful Mail Delivery Report", "was handed on to the recipients' mail servers, which "
                + "do not report delivery.");

        final String value;
        final String subject;
        final String explanation;

        Action(String value, String subject, String explanation) {
            this.value = value;
            this.subject = subject;
            this.explanation = explanation;
        }
    }

    /**
     * What a notice says about one recipient.
     *
     * @param recipient the address with the DSN parameters of its transaction (NOTIFY, ORCPT, ENVID, RET)
     * @param status the RFC 3463 enhanced status code
     * @param explanation the line of the human-readable part
     * @param diagnostic the Diagnostic-Code field (RFC 3464 §2.3.6), when there is one to give
     * @param remoteMta the server that answered, for the Remote-MTA field
     */
    record Recipient(QueuedRecipient recipient, String status, String explanation, Optional<String> diagnostic,
                     Optional<String> remoteMta) {
    }

    private final String hostname;
    private final Clock clock;

    DsnWriter(String hostname, Clock clock) {
        this.hostname = hostname;
        this.clock = clock;
    }

    /**
     * @param arrival when the message arrived (RFC 3464 §2.2.5)
     * @param results the recipients reported on, all of one message
     * @param original the message as received
     * @param willRetryUntil for a delay notice, when the queue gives up
     */
    byte[] write(Action action, Instant arrival, List<Recipient> results, InputStream original, long originalSize,
                 Optional<Instant> willRetryUntil) throws IOException {
        QueuedRecipient first = results.get(0).recipient();
        Instant now = clock.instant();
        String boundary = "=_dsn_" + UUID.randomUUID();
        StringBuilder h = new StringBuilder();
        h.append("From: Mail Delivery System <MAILER-DAEMON@").append(hostname).append(">\r\n");
        h.append("To: <").append(first.sender().map(Object::toString).orElse("")).append(">\r\n");
        h.append("Subject: ").append(action.subject).append("\r\n");
        h.append("Date: ").append(DATE.format(now)).append("\r\n");
        h.append("Message-ID: <").append(UUID.randomUUID()).append('@').append(hostname).append(">\r\n");
        // RFC 3834 §5: a notice is automatic; autoresponders must not answer it.
        h.append("Auto-Submitted: auto-replied\r\n");
        h.append("MIME-Version: 1.0\r\n");
        h.append("Content-Type: multipart/report; report-type=delivery-status;\r\n\tboundary=\"").append(boundary)
                .append("\"\r\n\r\n");
        h.append("This is a MIME-encapsulated message.\r\n\r\n");

        h.append("--").append(boundary).append("\r\n");
        h.append("Content-Type: text/plain; charset=us-ascii\r\n");
        h.append("Content-Description: Notification\r\n\r\n");
        h.append("This is the mail system at ").append(hostname).append(".\r\n\r\n");
        h.append("Your message ").append(action.explanation).append("\r\n\r\n");
        for (Recipient r : results) {
            h.append('<').append(r.recipient().recipient()).append(">: ")
                    .append(ascii(shorten(r.explanation()))).append("\r\n");
        }
        h.append("\r\n");

        h.append("--").append(boundary).append("\r\n");
        // RFC 6533 §3: a non-ASCII address needs the global form of the report and the utf-8 address type.
        boolean global = results.stream().anyMatch(r -> !isAscii(r.recipient().recipient().toString()));
        h.append(global ? "Content-Type: message/global-delivery-status\r\n" : "Content-Type: message/delivery-status\r\n");
        h.append("Content-Description: Delivery report\r\n\r\n");
        // RFC 3464 §2.2: the per-message fields.
        h.append("Reporting-MTA: dns; ").append(hostname).append("\r\n");
        first.envelopeId().ifPresent(id -> h.append("Original-Envelope-Id: ").append(ascii(Xtext.decode(id))).append("\r\n"));
        h.append("Arrival-Date: ").append(DATE.format(arrival)).append("\r\n");
        for (Recipient r : results) {
            // RFC 3464 §2.3: the per-recipient fields, each block after an empty line.
            QueuedRecipient q = r.recipient();
            h.append("\r\n");
            q.originalRecipient().ifPresent(o -> h.append("Original-Recipient: ").append(originalRecipient(o)).append("\r\n"));
            String address = q.recipient().toString();
            h.append("Final-Recipient: ").append(isAscii(address) ? "rfc822; " : "utf-8; ").append(address).append("\r\n");
            h.append("Action: ").append(action.value).append("\r\n");
            h.append("Status: ").append(r.status()).append("\r\n");
            r.remoteMta().ifPresent(m -> h.append("Remote-MTA: dns; ").append(m).append("\r\n"));
            r.diagnostic().ifPresent(d -> h.append("Diagnostic-Code: ").append(ascii(shorten(d))).append("\r\n"));
            h.append("Last-Attempt-Date: ").append(DATE.format(now)).append("\r\n");
            willRetryUntil.ifPresent(t -> h.append("Will-Retry-Until: ").append(DATE.format(t)).append("\r\n"));
        }
        h.append("\r\n");

        // RFC 3461 §4.3: RET governs failure notices; delay and success notices carry the header only.
        boolean headersOnly = action != Action.FAILED || first.returnHeadersOnly() || originalSize > FULL_RETURN_LIMIT;
        h.append("--").append(boundary).append("\r\n");
        if (headersOnly) {
            h.append("Content-Type: text/rfc822-headers\r\n");
            h.append("Content-Description: Headers of the original message\r\n\r\n");
        } else {
            h.append("Content-Type: message/rfc822\r\n");
            h.append("Content-Description: The original message\r\n\r\n");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(h.toString().getBytes(StandardCharsets.UTF_8));
        boolean endsWithLineBreak = copy(original, out, headersOnly);
        if (!endsWithLineBreak) {
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** Copies the whole message, or its header without the empty line that ends it. @return whether it ended in LF */
    private static boolean copy(InputStream original, ByteArrayOutputStream out, boolean headerOnly) throws IOException {
        InputStream in = new java.io.BufferedInputStream(original);
        if (!headerOnly) {
            byte[] buffer = new byte[16384];
            int last = '\n';
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
                last = buffer[n - 1];
            }
            return last == '\n';
        }
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            line.write(b);
            if (b == '\n') {
                byte[] l = line.toByteArray();
                line.reset();
                if (l.length == 1 || (l.length == 2 && l[0] == '\r')) {
                    return true;
                }
                out.writeBytes(l);
            }
        }
        out.writeBytes(line.toByteArray());
        return line.size() == 0;
    }

    /** RFC 3464 §2.3.1: {@code addr-type ";" address}, xtext decoded. */
    static String originalRecipient(String stored) {
        int semicolon = stored.indexOf(';');
        String type = semicolon < 0 ? "rfc822" : stored.substring(0, semicolon).trim();
        String address = Xtext.decode(semicolon < 0 ? stored : stored.substring(semicolon + 1)).trim();
        return ascii(type + ";" + address);
    }

    private static String shorten(String s) {
        return s.length() > 900 ? s.substring(0, 900) + "..." : s;
    }

    private static boolean isAscii(String s) {
        return s.chars().allMatch(c -> c < 0x80);
    }

    /** message/delivery-status is US-ASCII (RFC 3464 §2.1); anything else would need RFC 6533. */
    private static String ascii(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(c < 0x20 || c >= 0x7f ? '?' : c);
        }
        return b.toString();
    }
}
