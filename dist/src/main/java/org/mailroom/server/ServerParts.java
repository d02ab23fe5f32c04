package org.mailroom.server;

import org.mailroom.config.CoreConfig;
import org.mailroom.delivery.DeliveryAgent;
import org.mailroom.store.MailStore;

/**
 * What the protocol listeners are built from, each composed once by {@link MailroomServer}.
 *
 * @param core the settings every part shares
 * @param store the open mail store
 * @param delivery the delivery agent in front of the store
 */
public record ServerParts(CoreConfig core, MailStore store, DeliveryAgent delivery) {
}
