package org.mailroom.store;

import java.util.Optional;
import java.util.Set;

/**
 * A remote recipient waiting in the outbound queue, with the DSN parameters of RFC 3461 that the
 * queue runner must honour.
 *
 * @param sender the envelope sender; empty for the null reverse-path (bounces)
 * @param notifyOn NOTIFY values; empty means the default (failure and delay)
 * @param originalRecipient the ORCPT parameter as received, if any
 * @param envelopeId the ENVID parameter, if any
 * @param returnHeadersOnly RET=HDRS
 */
public record QueuedRecipient(
        Optional<EmailAddress> sender,
        EmailAddress recipient,
        Set<DsnNotify> notifyOn,
        Optional<String> originalRecipient,
        Optional<String> envelopeId,
        boolean returnHeadersOnly) {

    public QueuedRecipient {
        notifyOn = Set.copyOf(notifyOn);
    }

    public static QueuedRecipient plain(Optional<EmailAddress> sender, EmailAddress recipient) {
        return new QueuedRecipient(sender, recipient, Set.of(), Optional.empty(), Optional.empty(), false);
    }

    /** RFC 3461 §4.1 NOTIFY values. */
    public enum DsnNotify { NEVER, SUCCESS, FAILURE, DELAY }
}
