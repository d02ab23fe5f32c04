package org.mailroom.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailroom.store.Alias;
import org.mailroom.store.Quota;

class DomainCommandsTest extends AdminTestBase {

    @Test
    void domainAddListAndRemove() {
        assertThat(ok("domain add Example.ORG.")).isEqualTo("added domain example.org\n");
        assertThat(ok("domain add example.net")).isEqualTo("added domain example.net\n");
        assertThat(ok("domain list")).isEqualTo("example.net\nexample.org\n");
        assertThat(store.admin().domains()).containsExactly("example.net", "example.org");

        assertThat(ok("domain remove example.net")).isEqualTo("removed domain example.net\n");
        assertThat(ok("domain list")).isEqualTo("example.org\n");
    }

    @Test
    void anEmptyListPrintsNothing() {
        assertThat(ok("domain list")).isEmpty();
    }

    @Test
    void addingADomainTwiceFailsAndChangesNothing() {
        ok("domain add example.org");
        Snapshot before = snapshot();
        assertFails(run("domain add example.org"), 1, "domain example.org already exists");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void removingAnUnknownDomainFails() {
        assertFails(run("domain remove example.org"), 1, "domain example.org does not exist");
    }

    @Test
    void aDomainWithUsersOrAliasesIsNotRemoved() {
        ok("domain add example.org");
        store.admin().addAccount(addr("alice@example.org"), "h", "s", Quota.UNLIMITED);
        store.admin().addAlias(new Alias("sales@example.org", List.of(addr("alice@example.org"))));
        Snapshot before = snapshot();
        assertFails(run("domain remove example.org"), 1,
                "domain example.org still has 1 user and 1 alias; remove them first");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void aBadDomainNameIsAUsageError() {
        assertUsage(run("domain add exa_mple..org"), "'exa_mple..org' is not a domain name like example.org");
        assertUsage(run("domain add example"), "'example' is not a domain name like example.org");
        assertUsage(run("domain remove [192.0.2.1]"), "'[192.0.2.1]' is not a domain name");
        assertThat(store.admin().domains()).isEmpty();
    }

    @Test
    void missingAndExtraArgumentsAreUsageErrors() {
        assertUsage(run("domain add"), "Missing required parameter: 'DOMAIN'");
        assertUsage(run("domain add a.org b.org"), "Unmatched argument at index 3: 'b.org'");
        assertUsage(run("domain"), "Missing required subcommand");
        assertUsage(run("domain frobnicate"), "Unmatched argument at index 1: 'frobnicate'");
    }
}
