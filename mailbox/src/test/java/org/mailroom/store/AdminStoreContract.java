package org.mailroom.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The contract of {@link AdminStore}, {@link CredentialStore} and the read side of {@link DeliveryStore}. */
public abstract class AdminStoreContract extends StoreContract {

    private static void assertError(Runnable r, StoreError error) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.error()).isEqualTo(error));
    }

    @Test
    void domainsAreStoredLowerCasedAndListedSorted() {
        store.admin().addDomain("Example.ORG");
        store.admin().addDomain("a.example");
        assertThat(store.admin().domains()).containsExactly("a.example", "example.org");
        assertThat(store.delivery().isLocalDomain("EXAMPLE.org")).isTrue();
        assertThat(store.delivery().isLocalDomain("example.net")).isFalse();
    }

    @Test
    void addingADomainTwiceIsAlreadyExists() {
        store.admin().addDomain("example.org");
        assertError(() -> store.admin().addDomain("EXAMPLE.org"), StoreError.ALREADY_EXISTS);
    }

    @Test
    void removingAnUnknownDomainIsNotFound() {
        assertError(() -> store.admin().removeDomain("example.org"), StoreError.NOT_FOUND);
    }

    @Test
    void aDomainWithAccountsOrAliasesCannotBeRemoved() {
        user("alice@example.org");
        assertError(() -> store.admin().removeDomain("example.org"), StoreError.NOT_ALLOWED);
        store.admin().addDomain("example.net");
        store.admin().addAlias(new Alias("info@example.net", List.of(addr("alice@example.org"))));
        assertError(() -> store.admin().removeDomain("example.net"), StoreError.NOT_ALLOWED);
        store.admin().removeAlias("info@example.net");
        store.admin().removeDomain("example.net");
        assertThat(store.admin().domains()).containsExactly("example.org");
    }

    @Test
    void aNewAccountHasInboxAndTheSpecialUseMailboxes() {
        Account a = user("alice@example.org");
        assertThat(a.enabled()).isTrue();
        List<MailboxInfo> list = store.admin().mailboxesOf(addr("alice@example.org"));
        assertThat(list).extracting(m -> m.name().path())
                .containsExactly("Archive", "Drafts", "INBOX", "Junk", "Sent", "Trash");
        assertThat(list).filteredOn(m -> m.name().path().equals("Sent")).first()
                .satisfies(m -> assertThat(m.specialUse()).contains(SpecialUse.SENT));
        assertThat(list).filteredOn(m -> m.name().isInbox()).first()
                .satisfies(m -> assertThat(m.specialUse()).isEmpty());
        for (MailboxInfo m : list) {
            assertThat(m.uidNext()).isEqualTo(1);
            assertThat(m.messages()).isZero();
            assertThat(m.uidValidity()).isPositive().isLessThanOrEqualTo(0xffffffffL);
        }
        assertThat(list).extracting(MailboxInfo::uidValidity).doesNotHaveDuplicates();
    }

    @Test
    void anAccountNeedsALocalDomain() {
        assertError(() -> store.admin().addAccount(addr("bob@example.org"), "h", "s", Quota.UNLIMITED), StoreError.NOT_FOUND);
    }

    @Test
    void anAddressIsTakenWhateverTheCaseOfItsLocalPart() {
        user("Alice@example.org");
        assertError(() -> store.admin().addAccount(addr("alice@EXAMPLE.org"), "h", "s", Quota.UNLIMITED),
                StoreError.ALREADY_EXISTS);
        assertThat(store.delivery().findAccount(addr("ALICE@example.org"))).get()
                .satisfies(a -> assertThat(a.address().toString()).isEqualTo("Alice@example.org"));
    }

    @Test
    void accountsAndAliasesCannotShareAnAddress() {
        user("alice@example.org");
        assertError(() -> store.admin().addAlias(new Alias("ALICE@example.org", List.of(addr("x@example.net")))),
                StoreError.ALREADY_EXISTS);
        store.admin().addAlias(new Alias("bob@example.org", List.of(addr("alice@example.org"))));
        assertError(() -> store.admin().addAccount(addr("bob@example.org"), "h", "s", Quota.UNLIMITED),
                StoreError.ALREADY_EXISTS);
    }

    @Test
    void accountsAreSortedAndFilteredByDomain() {
        user("carol@example.org");
        user("alice@example.org");
        user("bob@example.net");
        assertThat(store.admin().accounts(Optional.empty())).extracting(a -> a.address().toString())
                .containsExactly("alice@example.org", "bob@example.net", "carol@example.org");
        assertThat(store.admin().accounts(Optional.of("example.org"))).extracting(a -> a.address().toString())
                .containsExactly("alice@example.org", "carol@example.org");
    }

    @Test
    void credentialsAreStoredAndReplaced() {
        Account a = user("alice@example.org");
        assertThat(store.credentials().find(addr("ALICE@example.org"))).contains(new CredentialStore.StoredCredentials(
                a.id(), addr("alice@example.org"), true, "hash:alice@example.org", "scram:alice@example.org"));
        store.admin().setCredentials(addr("alice@example.org"), "h2", "s2");
        store.admin().setEnabled(addr("alice@example.org"), false);
        CredentialStore.StoredCredentials c = store.credentials().find(addr("alice@example.org")).orElseThrow();
        assertThat(c.passwordHash()).isEqualTo("h2");
        assertThat(c.scramVerifier()).isEqualTo("s2");
        assertThat(c.enabled()).isFalse();
        assertThat(store.credentials().find(addr("nobody@example.org"))).isEmpty();
    }

    @Test
    void changingAnUnknownAccountIsNotFound() {
        store.admin().addDomain("example.org");
        EmailAddress nobody = addr("nobody@example.org");
        assertError(() -> store.admin().setCredentials(nobody, "h", "s"), StoreError.NOT_FOUND);
        assertError(() -> store.admin().setEnabled(nobody, true), StoreError.NOT_FOUND);
        assertError(() -> store.admin().setQuota(nobody, Quota.UNLIMITED), StoreError.NOT_FOUND);
        assertError(() -> store.admin().removeAccount(nobody), StoreError.NOT_FOUND);
        assertError(() -> store.admin().usageOf(nobody), StoreError.NOT_FOUND);
        assertThat(store.admin().account(nobody)).isEmpty();
    }

    @Test
    void quotaIsSetAndUsageCounted() {
        Account a = user("alice@example.org");
        store.admin().setQuota(addr("alice@example.org"), new Quota(1_000_000, 10));
        assertThat(store.admin().account(addr("alice@example.org")).orElseThrow().quota()).isEqualTo(new Quota(1_000_000, 10));
        assertThat(boxes(a).quota()).isEqualTo(new Quota(1_000_000, 10));
        TestContent m = TestContent.message("hi", "there");
        store.delivery().commit(delivery(m, List.of(), a));
        QuotaUsage expected = new QuotaUsage(m.size() + prefix(a).length, 1);
        assertThat(store.admin().usageOf(addr("alice@example.org"))).isEqualTo(expected);
        assertThat(store.delivery().usage(a.id())).isEqualTo(expected);
        assertThat(boxes(a).usage()).isEqualTo(expected);
    }

    @Test
    void removingAnAccountRemovesItsMailboxesAndMessages() {
        Account a = user("alice@example.org");
        Account b = user("bob@example.org");
        store.delivery().commit(delivery(TestContent.message("s", "b"), List.of(), a, b));
        store.admin().removeAccount(addr("alice@example.org"));
        assertThat(store.admin().account(addr("alice@example.org"))).isEmpty();
        assertThat(store.credentials().find(addr("alice@example.org"))).isEmpty();
        assertThat(boxes(a).list()).isEmpty();
        assertThat(read(boxes(b).openContent(mailboxId(b, "INBOX"), 1))).contains("Subject: s");
        store.admin().addAccount(addr("alice@example.org"), "h", "s", Quota.UNLIMITED);
        assertThat(store.admin().mailboxesOf(addr("alice@example.org"))).allSatisfy(m -> assertThat(m.messages()).isZero());
    }

    @Test
    void aliasesAreAddedListedFoundAndRemoved() {
        store.admin().addDomain("example.org");
        store.admin().addDomain("example.net");
        Alias info = new Alias("Info@Example.org", List.of(addr("alice@example.org"), addr("Bob@remote.example")));
        Alias all = new Alias("@example.net", List.of(addr("alice@example.org")));
        store.admin().addAlias(info);
        store.admin().addAlias(all);
        assertThat(store.admin().aliases(Optional.empty())).containsExactly(all, info);
        assertThat(store.admin().aliases(Optional.of("example.org"))).containsExactly(info);
        assertThat(store.delivery().findAlias("info@example.org")).contains(info);
        assertThat(store.delivery().findAlias("@example.net")).get().satisfies(x -> assertThat(x.isCatchAll()).isTrue());
        assertThat(store.delivery().findAlias("other@example.org")).isEmpty();
        assertThat(store.delivery().aliasesTargeting(addr("ALICE@example.org"))).containsExactly(all, info);
        assertThat(store.delivery().aliasesTargeting(addr("bob@remote.example"))).containsExactly(info);
        store.admin().removeAlias("INFO@example.org");
        assertThat(store.admin().aliases(Optional.empty())).containsExactly(all);
    }

    @Test
    void aliasErrorsAreReported() {
        assertError(() -> store.admin().addAlias(new Alias("a@example.org", List.of(addr("b@example.com")))), StoreError.NOT_FOUND);
        store.admin().addDomain("example.org");
        store.admin().addAlias(new Alias("a@example.org", List.of(addr("b@example.com"))));
        assertError(() -> store.admin().addAlias(new Alias("A@example.org", List.of(addr("c@example.com")))), StoreError.ALREADY_EXISTS);
        assertError(() -> store.admin().removeAlias("z@example.org"), StoreError.NOT_FOUND);
    }

    @Test
    void relayRulesAreAddedListedAndRemoved() {
        store.admin().addRelayRule(Cidr.parse("192.0.2.0/24"));
        store.admin().addRelayRule(Cidr.parse("2001:db8::/32"));
        assertThat(store.admin().relayRules()).containsExactlyInAnyOrder(Cidr.parse("192.0.2.0/24"), Cidr.parse("2001:db8::/32"));
        assertThat(store.delivery().relayRules()).hasSize(2);
        assertError(() -> store.admin().addRelayRule(Cidr.parse("192.0.2.7/24")), StoreError.ALREADY_EXISTS);
        store.admin().removeRelayRule(Cidr.parse("192.0.2.0/24"));
        assertThat(store.admin().relayRules()).containsExactly(Cidr.parse("2001:db8::/32"));
        assertError(() -> store.admin().removeRelayRule(Cidr.parse("192.0.2.0/24")), StoreError.NOT_FOUND);
    }
}
