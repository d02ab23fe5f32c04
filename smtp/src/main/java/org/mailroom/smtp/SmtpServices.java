package org.mailroom.smtp;

import java.time.Clock;
import javax.net.ssl.SSLContext;
import org.mailroom.auth.Authenticator;
import org.mailroom.delivery.DeliveryPort;

/**
 * What the SMTP server uses of the rest of Mailroom, handed in by the composition root.
 *
 * @param delivery recipient checks, relay rules (read live from the store), sender rights and delivery
 * @param authenticator SASL for AUTH
 * @param tls the server's TLS context, for STARTTLS and the implicit-TLS listener
 * @param clock for Received and Date fields
 */
public record SmtpServices(DeliveryPort delivery, Authenticator authenticator, SSLContext tls, Clock clock) {
}
