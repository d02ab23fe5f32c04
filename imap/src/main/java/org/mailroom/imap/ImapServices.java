package org.mailroom.imap;

import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.mailroom.auth.Authenticator;
import org.mailroom.store.EventBus;
import org.mailroom.store.MailboxStore;

/**
 * What the IMAP server uses of the rest of the system.
 *
 * @param tls the server's TLS context; empty means no STARTTLS and no implicit-TLS listener
 */
public record ImapServices(Authenticator authenticator, MailboxStore mailboxes, EventBus events,
                           Optional<SSLContext> tls) {
}
