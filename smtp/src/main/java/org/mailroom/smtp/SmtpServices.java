package org.mailroom.smtp;

import java.time.Clock;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.mailroom.auth.Authenticator;
import org.mailroom.delivery.DeliveryPort;
import org.mailroom.smtp.mailauth.MailAuthServices;
import org.mailroom.smtp.outbound.Bounces;

/**
 * What the SMTP server uses of the rest of Mailroom, handed in by the composition root.
 *
 * @param delivery recipient checks, relay rules (read live from the store), sender rights and delivery
 * @param authenticator SASL for AUTH
 * @param tls the server's TLS context, for STARTTLS and the implicit-TLS listener: TlsMaterial's, whose
 *     engines already hold the TLS policy (protocols and cipher suites)
 * @param clock for Received and Date fields
 * @param bounces failure notices for recipients refused after the message was accepted
 * @param mailAuth SPF, DKIM and DMARC checks on the MX and DKIM signing of submissions; empty for none
 */
public record SmtpServices(DeliveryPort delivery, Authenticator authenticator, SSLContext tls, Clock clock,
                           Bounces bounces, Optional<MailAuthServices> mailAuth) {

    public SmtpServices(DeliveryPort delivery, Authenticator authenticator, SSLContext tls, Clock clock,
                        Bounces bounces) {
        this(delivery, authenticator, tls, clock, bounces, Optional.empty());
    }

    /** Notices go through the same delivery port as the mail: into local mailboxes or the queue. */
    public SmtpServices(DeliveryPort delivery, Authenticator authenticator, SSLContext tls, Clock clock) {
        this(delivery, authenticator, tls, clock, new Bounces(delivery, clock));
    }

    /** The same services, checking and signing mail with {@code auth}. */
    public SmtpServices withMailAuth(MailAuthServices auth) {
        return new SmtpServices(delivery, authenticator, tls, clock, bounces, Optional.of(auth));
    }
}
