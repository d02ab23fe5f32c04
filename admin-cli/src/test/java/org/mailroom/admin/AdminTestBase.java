package org.mailroom.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.mailroom.admin.AdminRunner.Result;
import org.mailroom.store.Account;
import org.mailroom.store.Alias;
import org.mailroom.store.Cidr;
import org.mailroom.store.CredentialStore.StoredCredentials;
import org.mailroom.store.EmailAddress;
import org.mailroom.store.QueueStore.QueueEntry;
import org.mailroom.store.derby.DerbyStore;
import org.mailroom.store.derby.TestStores;

/**
 * A real Derby store in a temporary data directory, a configuration naming it, and the commands run
 * in-process against it.
 */
abstract class AdminTestBase {

    @TempDir
    Path install;

    DerbyStore store;
    AdminRunner admin;

    @BeforeEach
    void openStore() {
        store = TestStores.open(install.resolve("data"));
        AdminRunner.writeConfig(install, "hostname = mail.example.org", "data.dir = data",
                "smtp.port = 2525", "imap.port = 1143");
        admin = new AdminRunner(install, core -> new SharedStore(store), TestHashing.FAST);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    Result run(String line) {
        return admin.run(AdminRunner.args(line));
    }

    /** Runs a command that must succeed, returning its output. */
    String ok(String line) {
        Result r = run(line);
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err()).as(r.toString()).isEmpty();
        return r.out();
    }

    /** Asserts a failure: this exit code, nothing on stdout, exactly this one line on stderr. */
    static void assertFails(Result r, int code, String line) {
        assertThat(r.code()).as(r.toString()).isEqualTo(code);
        assertThat(r.out()).as(r.toString()).isEmpty();
        assertThat(r.err()).as(r.toString()).isEqualTo("mailroom-admin: " + line + "\n");
    }

    /** A usage error: exit 2, one line starting with this text and ending with the help hint. */
    static void assertUsage(Result r, String start) {
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.out()).as(r.toString()).isEmpty();
        assertThat(r.err()).as(r.toString()).startsWith("mailroom-admin: " + start).endsWith(" --help')\n")
                .hasLineCount(1);
    }

    /** Everything the CLI can change, to show that a failed command changed nothing. */
    Snapshot snapshot() {
        List<Account> accounts = store.admin().accounts(Optional.empty());
        return new Snapshot(store.admin().domains(), accounts,
                accounts.stream().map(a -> store.credentials().find(a.address()).orElseThrow()).toList(),
                store.admin().aliases(Optional.empty()), store.admin().relayRules(), store.queue().list());
    }

    record Snapshot(List<String> domains, List<Account> accounts, List<StoredCredentials> credentials,
                    List<Alias> aliases, List<Cidr> relayRules, List<QueueEntry> queue) {
    }

    static EmailAddress addr(String a) {
        return EmailAddress.parse(a);
    }
}
