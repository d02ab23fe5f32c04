package org.mailroom.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The contract of {@link QueueStore}: the outbound queue survives, retries and removes. */
public abstract class QueueStoreContract extends StoreContract {

    private static void assertError(Runnable r, StoreError error) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.error()).isEqualTo(error));
    }

    @Test
    void enqueuedEntriesKeepTheirDsnParameters() {
        QueuedRecipient r = new QueuedRecipient(Optional.of(addr("Me@example.org")), addr("You@remote.example"),
                Set.of(QueuedRecipient.DsnNotify.SUCCESS, QueuedRecipient.DsnNotify.FAILURE),
                Optional.of("rfc822;you@remote.example"), Optional.of("ENV123"), true);
        TestContent m = TestContent.message("bounce", "text");
        List<Long> ids = store.queue().enqueue(m, List.of(r, remote("other@remote.example")), T0);
        assertThat(ids).hasSize(2);
        QueueStore.QueueEntry e = store.queue().find(ids.get(0)).orElseThrow();
        assertThat(e).isEqualTo(new QueueStore.QueueEntry(ids.get(0), r, T0, T0, 0, Optional.empty(), m.size(),
                e.contentId()));
        assertThat(store.queue().find(ids.get(1)).orElseThrow().contentId())
                .as("recipients of one message share its content").isEqualTo(e.contentId());
        long other = store.queue().enqueue(m, List.of(remote("third@remote.example")), T0).get(0);
        assertThat(store.queue().find(other).orElseThrow().contentId()).isNotEqualTo(e.contentId());
        assertThat(read(store.queue().openContent(ids.get(1)))).isEqualTo(new String(m.bytes()));
        assertThat(store.queue().find(999_999)).isEmpty();
    }

    @Test
    void dueListsWhatIsDueOldestFirstUpToTheLimit() {
        List<Long> first = store.queue().enqueue(TestContent.of("a"), List.of(remote("a@remote.example")), T0);
        List<Long> second = store.queue().enqueue(TestContent.of("b"), List.of(remote("b@remote.example")), T0.plusSeconds(1));
        store.queue().enqueue(TestContent.of("c"), List.of(remote("c@remote.example")), T0.plusSeconds(2));
        assertThat(store.queue().due(T0.plusSeconds(1), 10)).extracting(QueueStore.QueueEntry::id)
                .containsExactly(first.get(0), second.get(0));
        assertThat(store.queue().due(T0.plusSeconds(5), 1)).extracting(QueueStore.QueueEntry::id)
                .containsExactly(first.get(0));
        assertThat(store.queue().list()).hasSize(3);
    }

    @Test
    void aDeferredEntryWaitsUntilItsNextAttemptOrARetry() {
        long id = store.queue().enqueue(TestContent.of("a"), List.of(remote("a@remote.example")), T0).get(0);
        Instant later = T0.plus(Duration.ofMinutes(15));
        store.queue().deferred(id, "451 4.3.0 try later", later);
        QueueStore.QueueEntry e = store.queue().find(id).orElseThrow();
        assertThat(e.attempts()).isEqualTo(1);
        assertThat(e.lastError()).contains("451 4.3.0 try later");
        assertThat(e.nextAttempt()).isEqualTo(later);
        assertThat(store.queue().due(T0.plusSeconds(60), 10)).isEmpty();
        assertThat(store.queue().retryNow(Optional.of(id), T0.plusSeconds(60))).isEqualTo(1);
        assertThat(store.queue().due(T0.plusSeconds(60), 10)).hasSize(1);
        store.queue().deferred(id, "again", later);
        assertThat(store.queue().retryNow(Optional.empty(), T0.plusSeconds(61))).isEqualTo(1);
        assertThat(store.queue().find(id).orElseThrow().attempts()).isEqualTo(2);
        assertError(() -> store.queue().deferred(999_999, "x", later), StoreError.NOT_FOUND);
    }

    @Test
    void removedEntriesAreGoneAndTheOthersStay() {
        List<Long> ids = store.queue().enqueue(TestContent.of("shared"), List.of(remote("a@remote.example"),
                remote("b@remote.example")), T0);
        store.queue().remove(ids.get(0));
        assertThat(store.queue().list()).extracting(QueueStore.QueueEntry::id).containsExactly(ids.get(1));
        assertThat(read(store.queue().openContent(ids.get(1)))).isEqualTo("shared");
        assertError(() -> store.queue().remove(ids.get(0)), StoreError.NOT_FOUND);
        assertError(() -> store.queue().openContent(ids.get(0)), StoreError.NOT_FOUND);
        store.queue().remove(ids.get(1));
        assertThat(store.queue().list()).isEmpty();
    }
}
