package org.mailroom.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What every store does with DKIM keys. */
public abstract class DkimKeyStoreContract extends StoreContract {

    static DkimKey key(String domain, String selector, long secondsAfterT0) {
        return new DkimKey(domain, selector, "rsa-sha256", "PRIVATE-" + selector, "PUBLIC-" + selector,
                T0.plusSeconds(secondsAfterT0));
    }

    private void assertError(Runnable r, StoreError error) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.error()).isEqualTo(error));
    }

    @Test
    void addedKeysAreFoundAndListedNewestFirst() {
        store.admin().addDomain("example.org");
        store.admin().addDomain("example.net");
        store.dkimKeys().add(key("example.org", "old", 0));
        store.dkimKeys().add(key("example.org", "new", 60));
        store.dkimKeys().add(new DkimKey("example.net", "ed", "ed25519-sha256", "P", "Q", T0));
        assertThat(store.dkimKeys().find("example.org", "new")).contains(key("example.org", "new", 60));
        assertThat(store.dkimKeys().find("example.org", "none")).isEmpty();
        assertThat(store.dkimKeys().list(Optional.of("example.org"))).extracting(DkimKey::selector)
                .containsExactly("new", "old");
        assertThat(store.dkimKeys().list(Optional.empty())).extracting(DkimKey::domain, DkimKey::selector)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("example.net", "ed"),
                        org.assertj.core.groups.Tuple.tuple("example.org", "new"),
                        org.assertj.core.groups.Tuple.tuple("example.org", "old"));
    }

    @Test
    void aTakenSelectorAndAForeignDomainAreRefused() {
        store.admin().addDomain("example.org");
        store.dkimKeys().add(key("example.org", "s1", 0));
        assertError(() -> store.dkimKeys().add(key("example.org", "s1", 5)), StoreError.ALREADY_EXISTS);
        assertError(() -> store.dkimKeys().add(key("elsewhere.example", "s1", 5)), StoreError.NOT_FOUND);
    }

    @Test
    void removedKeysAreGoneAndRemovingTwiceIsNotFound() {
        store.admin().addDomain("example.org");
        store.dkimKeys().add(key("example.org", "s1", 0));
        store.dkimKeys().remove("example.org", "s1");
        assertThat(store.dkimKeys().list(Optional.empty())).isEmpty();
        assertError(() -> store.dkimKeys().remove("example.org", "s1"), StoreError.NOT_FOUND);
    }

    @Test
    void removingADomainRemovesItsKeys() {
        store.admin().addDomain("example.org");
        store.dkimKeys().add(key("example.org", "s1", 0));
        store.admin().removeDomain("example.org");
        assertThat(store.dkimKeys().list(Optional.empty())).isEmpty();
    }

    @Test
    void theKeyNeverAppearsInToString() {
        assertThat(key("example.org", "s1", 0).toString()).doesNotContain("PRIVATE");
    }
}
