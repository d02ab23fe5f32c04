package org.mailroom.delivery;

import java.util.List;
import org.mailroom.store.EmailAddress;

/** The outcome for each envelope recipient, in envelope order. */
public record DeliveryReport(List<RecipientResult> results) {

    public DeliveryReport {
        results = List.copyOf(results);
    }

    public record RecipientResult(EmailAddress recipient, Outcome outcome) {
    }

    /** True when every recipient was delivered or queued. */
    public boolean allAccepted() {
        return results.stream().allMatch(r -> r.outcome() == Outcome.DELIVERED || r.outcome() == Outcome.QUEUED);
    }
}
