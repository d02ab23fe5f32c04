package org.mailroom.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mailroom.store.Alias;
import org.mailroom.store.Cidr;
import org.mailroom.store.Quota;

class AliasRelayQuotaCommandsTest extends AdminTestBase {

    @Test
    void aliasAddListAndRemove() {
        ok("domain add example.org");
        ok("domain add example.net");
        assertThat(ok("alias add Sales@Example.org alice@example.org bob@remote.example"))
                .isEqualTo("added alias sales@example.org -> alice@example.org, bob@remote.example\n");
        assertThat(ok("alias add @example.net alice@example.org"))
                .isEqualTo("added alias @example.net -> alice@example.org\n");
        assertThat(store.admin().aliases(Optional.empty())).containsExactly(
                new Alias("@example.net", List.of(addr("alice@example.org"))),
                new Alias("sales@example.org", List.of(addr("alice@example.org"), addr("bob@remote.example"))));

        assertThat(ok("alias list")).isEqualTo("""
                @example.net -> alice@example.org
                sales@example.org -> alice@example.org, bob@remote.example
                """);
        assertThat(ok("alias list example.org")).isEqualTo("sales@example.org -> alice@example.org, bob@remote.example\n");
        assertThat(ok("alias remove SALES@example.org")).isEqualTo("removed alias sales@example.org\n");
        assertThat(ok("alias remove @example.net")).isEqualTo("removed alias @example.net\n");
        assertThat(ok("alias list")).isEmpty();
    }

    @Test
    void badAliasesChangeNothing() {
        ok("domain add example.org");
        store.admin().addAccount(addr("alice@example.org"), "h", "s", Quota.UNLIMITED);
        ok("alias add sales@example.org alice@example.org");
        Snapshot before = snapshot();
        assertFails(run("alias add info@example.com alice@example.org"), 1,
                "domain example.com does not exist (add it with: mailroom-admin domain add example.com)");
        assertFails(run("alias add sales@example.org bob@example.org"), 1,
                "sales@example.org already exists as a user or an alias");
        assertFails(run("alias add alice@example.org bob@example.org"), 1,
                "alice@example.org already exists as a user or an alias");
        assertFails(run("alias add loop@example.org Loop@example.org"), 1,
                "alias loop@example.org cannot forward to itself");
        assertFails(run("alias remove info@example.org"), 1, "alias info@example.org does not exist");
        assertFails(run("alias list example.com"), 1,
                "domain example.com does not exist (add it with: mailroom-admin domain add example.com)");
        assertUsage(run("alias add info@example.org"), "Missing required parameter: 'TARGET'");
        assertUsage(run("alias add info@example.org not-an-address"), "'not-an-address' is not an email address");
        assertUsage(run("alias add info@@ alice@example.org"), "'info@@' is not an alias source like sales@example.org or @example.org (the catch-all)");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void relayAllowListAndRemove() {
        assertThat(ok("relay allow 192.0.2.0/24")).isEqualTo("allowed relaying from 192.0.2.0/24\n");
        assertThat(ok("relay allow 198.51.100.7/24")).isEqualTo("allowed relaying from 198.51.100.0/24\n");
        assertThat(ok("relay allow 2001:db8::/32")).isEqualTo("allowed relaying from 2001:db8:0:0:0:0:0:0/32\n");
        assertThat(ok("relay allow 203.0.113.9")).isEqualTo("allowed relaying from 203.0.113.9/32\n");
        assertThat(store.admin().relayRules()).contains(Cidr.parse("192.0.2.0/24"), Cidr.parse("203.0.113.9/32"));
        assertThat(ok("relay list")).isEqualTo("""
                192.0.2.0/24
                198.51.100.0/24
                2001:db8:0:0:0:0:0:0/32
                203.0.113.9/32
                """);
        assertThat(ok("relay remove 192.0.2.0/24")).isEqualTo("removed relay rule 192.0.2.0/24\n");
        assertThat(ok("relay remove 2001:db8::/32")).isEqualTo("removed relay rule 2001:db8:0:0:0:0:0:0/32\n");
        assertThat(ok("relay list")).isEqualTo("198.51.100.0/24\n203.0.113.9/32\n");
    }

    @Test
    void badRelayRulesChangeNothing() {
        ok("relay allow 192.0.2.0/24");
        Snapshot before = snapshot();
        assertFails(run("relay allow 192.0.2.0/24"), 1, "relaying from 192.0.2.0/24 is already allowed");
        assertFails(run("relay allow 0.0.0.0/0"), 1, "0.0.0.0/0 is every address: that would make an open relay");
        assertFails(run("relay allow ::/0"), 1, "0:0:0:0:0:0:0:0/0 is every address: that would make an open relay");
        assertFails(run("relay remove 10.0.0.0/8"), 1, "no relay rule for 10.0.0.0/8");
        assertUsage(run("relay allow 192.0.2.0/33"), "'192.0.2.0/33' is not a network like 192.0.2.0/24, 2001:db8::/32 or a single address");
        assertUsage(run("relay allow office.example.org"), "'office.example.org' is not a network");
        assertUsage(run("relay allow 192.0.2.0/x"), "'192.0.2.0/x' is not a network");
        assertUsage(run("relay remove 300.1.1.1"), "'300.1.1.1' is not a network");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void quotaSetChangesTheGivenLimitsAndKeepsTheOthers() {
        ok("domain add example.org");
        store.admin().addAccount(addr("alice@example.org"), "h", "s", Quota.UNLIMITED);
        assertThat(ok("quota set alice@example.org --storage 2G --messages 100000"))
                .isEqualTo("quota of alice@example.org: storage 2.0 GiB, messages 100000\n");
        assertThat(quota()).isEqualTo(new Quota(2L << 30, 100_000));
        assertThat(ok("quota set alice@example.org --storage 500M"))
                .isEqualTo("quota of alice@example.org: storage 500.0 MiB, messages 100000\n");
        assertThat(quota()).isEqualTo(new Quota(500L << 20, 100_000));
        assertThat(ok("quota set alice@example.org --messages unlimited"))
                .isEqualTo("quota of alice@example.org: storage 500.0 MiB, messages unlimited\n");
        assertThat(ok("quota set alice@example.org --storage 0"))
                .isEqualTo("quota of alice@example.org: storage unlimited, messages unlimited\n");
        assertThat(quota()).isEqualTo(Quota.UNLIMITED);
        assertThat(ok("quota set alice@example.org --storage 1536 --messages 0"))
                .isEqualTo("quota of alice@example.org: storage 1.5 KiB, messages unlimited\n");
    }

    @Test
    void badQuotasChangeNothing() {
        ok("domain add example.org");
        store.admin().addAccount(addr("alice@example.org"), "h", "s", new Quota(1000, 10));
        Snapshot before = snapshot();
        assertFails(run("quota set bob@example.org --storage 1G"), 1, "user bob@example.org does not exist");
        assertUsage(run("quota set alice@example.org"), "give --storage, --messages or both");
        assertUsage(run("quota set alice@example.org --storage 2Q"), "--storage: '2Q' is "
                + "not a size like 500M or 2G (or 0 or unlimited for no limit)");
        assertUsage(run("quota set alice@example.org --storage -1G"), "--storage: '-1G' is not a size");
        assertUsage(run("quota set alice@example.org --messages many"), "--messages: 'many' is not a number of messages like 100000 (or 0 or unlimited for no limit)");
        assertUsage(run("quota set alice@example.org --storage"), "Missing required parameter for option '--storage'");
        assertThat(snapshot()).isEqualTo(before);
    }

    private Quota quota() {
        return store.admin().account(addr("alice@example.org")).orElseThrow().quota();
    }
}
