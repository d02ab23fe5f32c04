package org.mailroom.server;

import java.time.Clock;
import org.mailroom.auth.Authenticator;
import org.mailroom.config.CoreConfig;
import org.mailroom.delivery.DeliveryAgent;
import org.mailroom.store.MailStore;
import org.mailroom.tls.TlsMaterial;

/**
 * What the protocol listeners are built from, each composed once by {@link MailroomServer}.
 *
 * @param core the settings every part shares
 * @param store the open mail store
 * @param delivery the delivery agent in front of the store
 * @param authenticator the one authenticator (and login throttle) every protocol shares
 * @param tls the server's certificate and TLS context
 * @param clock the system clock
 */
public record ServerParts(CoreConfig core, MailStore store, DeliveryAgent delivery, Authenticator authenticator,
        TlsMaterial tls, Clock clock) {
}
