package org.mailroom.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValueRecordsTest {

    @Test
    void anAddressKeepsItsLocalPartCaseButFoldsItsKeyAndDomain() {
        EmailAddress a = EmailAddress.parse("Alice.Smith@Example.ORG.");
        assertThat(a.localPart()).isEqualTo("Alice.Smith");
        assertThat(a.domain()).isEqualTo("example.org");
        assertThat(a.key()).isEqualTo("alice.smith@example.org");
        assertThat(a).hasToString("Alice.Smith@example.org");
    }

    @Test
    void anAddressSplitsAtTheLastAtSign() {
        assertThat(EmailAddress.parse("\"a@b\"@example.org").localPart()).isEqualTo("\"a@b\"");
    }

    @Test
    void malformedAddressesAreRefused() {
        for (String bad : List.of("", "@example.org", "alice@", "alice", "al ice@example.org", "a@exa mple.org",
                "a@-bad.org", "a@bad..org", "a\r\n@example.org", "x".repeat(65) + "@example.org")) {
            assertThatThrownBy(() -> EmailAddress.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void inboxIsCaseInsensitiveAndOtherNamesAreNot() {
        assertThat(MailboxName.of("inbox")).isEqualTo(MailboxName.INBOX);
        assertThat(MailboxName.of("Inbox/Sub").path()).isEqualTo("INBOX/Sub");
        assertThat(MailboxName.of("Archive")).isNotEqualTo(MailboxName.of("archive"));
    }

    @Test
    void mailboxNamesKnowTheirLineageAndRename() {
        MailboxName n = MailboxName.of("a/b/c");
        assertThat(n.lineage()).extracting(MailboxName::path).containsExactly("a", "a/b", "a/b/c");
        assertThat(n.parent()).contains(MailboxName.of("a/b"));
        assertThat(n.renamed(MailboxName.of("a"), MailboxName.of("x/y")).path()).isEqualTo("x/y/b/c");
        assertThat(n.isDescendantOf(MailboxName.of("a"))).isTrue();
        assertThat(MailboxName.of("ab").isDescendantOf(MailboxName.of("a"))).isFalse();
    }

    @Test
    void badMailboxNamesAreRefused() {
        for (String bad : List.of("", "/a", "a/", "a//b", "a*", "a%b", "a\nb")) {
            assertThatThrownBy(() -> MailboxName.of(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void uidSetsMergeOverlappingAndAdjacentRanges() {
        UidSet s = UidSet.of(new UidRange(5, 7), new UidRange(1, 2), new UidRange(3, 3), new UidRange(7, 9));
        assertThat(s.ranges()).containsExactly(new UidRange(1, 3), new UidRange(5, 9));
        assertThat(s.contains(4)).isFalse();
        assertThat(s.contains(9)).isTrue();
    }

    @Test
    void aScatteredUidSetAnswersContainsForEveryUid() {
        java.util.List<Long> odd = new java.util.ArrayList<>();
        for (long uid = 1; uid < 2000; uid += 2) {
            odd.add(uid);
        }
        UidSet s = UidSet.ofUids(odd);
        assertThat(s.ranges()).hasSize(1000);
        for (long uid = 0; uid <= 2001; uid++) {
            assertThat(s.contains(uid)).as("uid %d", uid).isEqualTo(uid % 2 == 1 && uid < 2000);
        }
        assertThat(UidSet.EMPTY.contains(1)).isFalse();
        assertThat(UidSet.ALL.contains(Long.MAX_VALUE)).isTrue();
        assertThat(UidSet.of(new UidRange(5, Long.MAX_VALUE)).contains(4)).isFalse();
    }

    @Test
    void flagsApplyAddRemoveAndReplace() {
        Flags start = new Flags(Flags.of(Flag.SEEN).system(), java.util.Set.of("$Label1"));
        assertThat(Flags.apply(start, FlagUpdate.add(Flags.of(Flag.FLAGGED))).system())
                .containsExactlyInAnyOrder(Flag.SEEN, Flag.FLAGGED);
        assertThat(Flags.apply(start, FlagUpdate.remove(Flags.of(Flag.SEEN))).system()).isEmpty();
        assertThat(Flags.apply(start, FlagUpdate.replace(Flags.NONE))).isEqualTo(Flags.NONE);
        assertThat(Flags.fromBits(start.bits())).isEqualTo(start.system());
    }

    @Test
    void aQuotaOfZeroIsUnlimited() {
        assertThat(Quota.UNLIMITED.admits(new QuotaUsage(Long.MAX_VALUE / 2, 1_000_000), 1_000)).isTrue();
        Quota q = new Quota(100, 2);
        assertThat(q.admits(new QuotaUsage(50, 1), 50)).isTrue();
        assertThat(q.admits(new QuotaUsage(50, 1), 51)).isFalse();
        assertThat(q.admits(new QuotaUsage(0, 2), 1)).isFalse();
    }

    @Test
    void cidrMatchesItsNetworkOnly() throws Exception {
        Cidr net = Cidr.parse("192.0.2.77/24");
        assertThat(net).hasToString("192.0.2.0/24");
        assertThat(net.contains(InetAddress.getByName("192.0.2.1"))).isTrue();
        assertThat(net.contains(InetAddress.getByName("192.0.3.1"))).isFalse();
        assertThat(net.contains(InetAddress.getByName("::1"))).isFalse();
        assertThat(Cidr.parse("2001:db8::/32").contains(InetAddress.getByName("2001:db8:1::5"))).isTrue();
        assertThat(Cidr.parse("127.0.0.1").contains(InetAddress.getByName("127.0.0.1"))).isTrue();
    }

    @Test
    void cidrRefusesHostNamesAndBadPrefixes() {
        for (String bad : List.of("example.org/24", "192.0.2.0/33", "192.0.2.0/x", "", "::1/129")) {
            assertThatThrownBy(() -> Cidr.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aliasSourcesAreAddressesOrCatchAlls() {
        assertThat(new Alias("Sales@Example.org", List.of(EmailAddress.parse("a@example.org"))).source())
                .isEqualTo("sales@example.org");
        Alias all = new Alias("@Example.org", List.of(EmailAddress.parse("a@example.org")));
        assertThat(all.isCatchAll()).isTrue();
        assertThat(all.domain()).isEqualTo("example.org");
        assertThatThrownBy(() -> new Alias("x@example.org", List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
