package org.mailroom.smtp.command;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;
import org.mailroom.smtp.protocol.SessionContext;
import org.mailroom.smtp.protocol.Transaction;

/** The header fields the server writes: the Received trace field and, for submissions, Date and Message-ID. */
final class TraceFields {

    /** RFC 5322 §3.3 date-time with a numeric zone. */
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ENGLISH);

    private TraceFields() {
    }

    /**
     * The Received field of RFC 5321 §4.4: who handed us the message (its HELO name and address, never
     * a reverse lookup), which protocol in the terms of RFC 3848 and RFC 6531 §3.7.3, the TLS version and
     * cipher when used (RFC 8314 §4.3), our queue id, the recipient when there is only one, and the time.
     */
    static String received(SessionContext session, Transaction tx, String id) {
        StringBuilder sb = new StringBuilder("Received: from ");
        sb.append(session.helo().isEmpty() ? "unknown" : session.helo())
                .append(" (").append(addressLiteral(session.client())).append(")\r\n")
                .append("\tby ").append(session.hostname()).append(" with ").append(protocol(session, tx));
        session.tls().ifPresent(t -> sb.append("\r\n\t(using ").append(t.protocol()).append(" with cipher ")
                .append(t.cipherSuite()).append(')'));
        sb.append("\r\n\tid ").append(id);
        if (tx.recipientCount() == 1) {
            sb.append("\r\n\tfor <").append(tx.recipients().get(0).address()).append('>');
        }
        sb.append(";\r\n\t").append(DATE.format(ZonedDateTime.now(session.services().clock()))).append("\r\n");
        return sb.toString();
    }

    /** RFC 5321 §4.1.3: {@code [192.0.2.1]} or {@code [IPv6:2001:db8::1]}. */
    static String addressLiteral(java.net.InetAddress a) {
        return a instanceof java.net.Inet6Address ? "[IPv6:" + a.getHostAddress().replaceAll("%.*", "") + "]"
                : "[" + a.getHostAddress() + "]";
    }

    /** RFC 3848 and RFC 6531 §3.7.3: ESMTP, +S for TLS, +A for authenticated; UTF8SMTP for SMTPUTF8. */
    static String protocol(SessionContext session, Transaction tx) {
        String base = tx.smtpUtf8() ? "UTF8SMTP" : session.extended() ? "ESMTP" : "SMTP";
        if (base.equals("SMTP")) {
            return "SMTP";
        }
        return base + (session.isTls() ? "S" : "") + (session.user().isPresent() ? "A" : "");
    }

    static String date(SessionContext session) {
        return DATE.format(ZonedDateTime.now(session.services().clock()));
    }

    static String messageId(SessionContext session) {
        return "<" + UUID.randomUUID() + "@" + session.hostname() + ">";
    }
}
