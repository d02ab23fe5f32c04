package org.mailroom.delivery;

import java.util.List;
import org.mailroom.store.EmailAddress;

/**
 * The outcome for each envelope recipient, in envelope order.
 *
 * @param queued how many outbound queue entries the delivery committed (remote recipients, and
 *     remote targets of aliases), so that the queue runner is woken only when there is work for it
 */
public record DeliveryReport(List<RecipientResult> results, int queued) {

    public DeliveryReport {
        results = List.copyOf(results);
    }

    /** A report of a delivery that queued nothing. */
    public DeliveryReport(List<RecipientResult> results) {
        this(results, 0);
    }

    public record RecipientResult(EmailAddress recipient, Outcome outcome) {
    }

    /** True when every recipient was delivered or queued. */
    public boolean allAccepted() {
        return results.stream().allMatch(r -> r.outcome() == Outcome.DELIVERED || r.outcome() == Outcome.QUEUED);
    }
}
