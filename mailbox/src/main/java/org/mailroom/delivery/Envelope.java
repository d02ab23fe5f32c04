package org.mailroom.delivery;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.mailroom.store.EmailAddress;
import org.mailroom.store.QueuedRecipient.DsnNotify;

/**
 * The SMTP envelope of one message.
 *
 * @param sender the reverse-path; empty for the null sender {@code <>}
 * @param envelopeId RFC 3461 ENVID
 * @param returnHeadersOnly RFC 3461 RET=HDRS
 * @param junk local copies go to the recipients' Junk mailbox instead of INBOX (a DMARC quarantine);
 *     a recipient without one gets it in INBOX
 */
public record Envelope(Optional<EmailAddress> sender, List<Recipient> recipients, Optional<String> envelopeId,
                       boolean returnHeadersOnly, boolean junk) {

    public Envelope {
        recipients = List.copyOf(recipients);
    }

    public Envelope(Optional<EmailAddress> sender, List<Recipient> recipients, Optional<String> envelopeId,
                    boolean returnHeadersOnly) {
        this(sender, recipients, envelopeId, returnHeadersOnly, false);
    }

    /** The same envelope, its local copies filed to Junk. */
    public Envelope toJunk() {
        return new Envelope(sender, recipients, envelopeId, returnHeadersOnly, true);
    }

    public static Envelope of(Optional<EmailAddress> sender, List<EmailAddress> recipients) {
        return new Envelope(sender, recipients.stream().map(Recipient::of).toList(), Optional.empty(), false);
    }

    /** A forward-path with its RFC 3461 NOTIFY and ORCPT parameters. */
    public record Recipient(EmailAddress address, Set<DsnNotify> notifyOn, Optional<String> originalRecipient) {

        public Recipient {
            notifyOn = Set.copyOf(notifyOn);
        }

        public static Recipient of(EmailAddress address) {
            return new Recipient(address, Set.of(), Optional.empty());
        }
    }
}
