package org.mailroom.delivery;

import java.net.InetAddress;
import org.mailroom.store.EmailAddress;
import org.mailroom.store.MessageContent;

/** All that SMTP sees of the mailbox module: recipient checks, relay policy data and delivery. */
public interface DeliveryPort {

    boolean isLocalDomain(String domain);

    /** Resolves aliases, subaddresses and catch-alls, as delivery would. */
    RecipientCheck check(EmailAddress recipient);

    /** Whether a relay rule lets this client address relay without authentication. */
    boolean mayRelay(InetAddress client);

    /** Whether the authenticated {@code user} may use {@code sender} as envelope sender (itself or an alias of it). */
    boolean maySendAs(EmailAddress user, EmailAddress sender);

    /**
     * Delivers a message to every envelope recipient, local ones into their mailboxes and remote ones
     * into the outbound queue, in one commit. Returns only after that commit.
     */
    DeliveryReport deliver(Envelope envelope, MessageContent content);
}
