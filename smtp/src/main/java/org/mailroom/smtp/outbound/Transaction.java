package org.mailroom.smtp.outbound;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import org.mailroom.store.EmailAddress;
import org.mailroom.store.QueueStore.QueueEntry;
import org.mailroom.store.QueuedRecipient;

/**
 * One message to one destination: queue entries that share their content and sender.
 *
 * @param entries at least one; all with the same {@link QueueEntry#contentId()}
 * @param traits what the content needs of the server
 * @param content opens the message bytes
 */
record Transaction(List<QueueEntry> entries, MessageTraits traits, Content content) {

    Transaction {
        entries = List.copyOf(entries);
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("a transaction needs a recipient");
        }
    }

    QueuedRecipient first() {
        return entries.get(0).recipient();
    }

    Optional<EmailAddress> sender() {
        return first().sender();
    }

    long size() {
        return entries.get(0).size();
    }

    /** The message bytes, readable more than once. */
    interface Content {
        InputStream open() throws IOException;
    }
}
