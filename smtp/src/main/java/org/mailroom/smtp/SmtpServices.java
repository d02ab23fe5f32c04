package org.mailroom.smtp;

import java.time.Clock;
import javax.net.ssl.SSLContext;
import org.mailroom.auth.Authenticator;
import org.mailroom.delivery.DeliveryPort;
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
 */
public record SmtpServices(DeliveryPort delivery, Authenticator authenticator, SSLContext tls, Clock clock,
                           Bounces bounces) {

    /** Notices go through the same delivery port as the mail: into local mailboxes or the queue. */
    public SmtpServices(DeliveryPort delivery, Authenticator authenticator, SSLContext tls, Clock clock) {
        this(delivery, authenticator, tls, clock, new Bounces(delivery, clock));
    }
}
