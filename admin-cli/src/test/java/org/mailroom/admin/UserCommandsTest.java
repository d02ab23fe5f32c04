package org.mailroom.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mailroom.admin.AdminRunner.Result;
import org.mailroom.auth.DefaultAuthenticator;
import org.mailroom.auth.LoginResult;
import org.mailroom.auth.LoginThrottle;
import org.mailroom.auth.PasswordHasher;
import org.mailroom.auth.ThrottleConfig;
import org.mailroom.store.Account;
import org.mailroom.store.Alias;
import org.mailroom.store.Flags;
import org.mailroom.store.MailboxName;
import org.mailroom.store.Quota;
import org.mailroom.store.TestContent;
import org.mailroom.store.UserMailboxes;

class UserCommandsTest extends AdminTestBase {

    private Result add(String address, String password) {
        return admin.withStdin(password + "\n", "user", "add", address, "--password-stdin");
    }

    @Test
    void userAddWithThePasswordOnStdinCreatesTheAccountAndItsMailboxes() {
        ok("domain add example.org");
        Result r = add("Alice@Example.org", "correct horse battery");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("added user Alice@example.org\n");
        assertThat(r.err()).isEmpty();

        Account a = store.admin().account(addr("alice@example.org")).orElseThrow();
        assertThat(a.enabled()).isTrue();
        assertThat(a.quota()).isEqualTo(Quota.UNLIMITED);
        assertThat(store.admin().mailboxesOf(a.address())).extracting(m -> m.name().toString())
                .containsExactlyInAnyOrder("INBOX", "Drafts", "Sent", "Trash", "Junk", "Archive");
        assertThat(TestHashing.matches("correct horse battery",
                store.credentials().find(a.address()).orElseThrow())).isTrue();
    }

    @Test
    void userAddAsksTwiceAtTheTerminal() {
        ok("domain add example.org");
        Result r = admin.typing(List.of("s3cret-enough", "s3cret-enough"), "user", "add", "bob@example.org");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("added user bob@example.org\n");
        assertThat(TestHashing.matches("s3cret-enough",
                store.credentials().find(addr("bob@example.org")).orElseThrow())).isTrue();
    }

    @Test
    void userAddTakesQuotas() {
        ok("domain add example.org");
        Result r = admin.withStdin("password1\n", AdminRunner.args(
                "user add carol@example.org --password-stdin --storage 2G --messages 100000"));
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(store.admin().account(addr("carol@example.org")).orElseThrow().quota())
                .isEqualTo(new Quota(2L << 30, 100_000));
    }

    @Test
    void passwordsThatDifferOrAreMissingOrShortChangeNothing() {
        ok("domain add example.org");
        Snapshot before = snapshot();
        assertFails(admin.typing(List.of("first-password", "second-password"), "user", "add", "bob@example.org"),
                1, "the two passwords differ; nothing changed");
        assertFails(admin.run("user", "add", "bob@example.org"), 1,
                "no terminal to ask for the password on; pipe it in with --password-stdin");
        assertFails(admin.withStdin("", "user", "add", "bob@example.org", "--password-stdin"), 1,
                "no password on standard input (--password-stdin reads its first line)");
        assertFails(admin.withStdin("\r\nlater-line\n", "user", "add", "bob@example.org", "--password-stdin"), 1,
                "no password on standard input (--password-stdin reads its first line)");
        assertFails(add("bob@example.org", "short"), 1, "a password needs at least 8 characters; nothing changed");
        assertThat(add("bob@example.org", "x".repeat(1024)).code()).isZero();
        assertThat(run("user remove bob@example.org").code()).isZero();
        assertFails(add("bob@example.org", "x".repeat(1025)), 1,
                "the password on standard input is longer than 1024 characters");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void thePasswordIsNeverAnArgument() {
        ok("domain add example.org");
        assertUsage(admin.run("user", "add", "bob@example.org", "--password", "secret123"),
                "Unknown options: '--password'");
        assertUsage(admin.run("user", "add", "bob@example.org", "secret123"), "Unmatched argument");
        assertThat(store.admin().accounts(Optional.empty())).isEmpty();
    }

    @Test
    void aUserNeedsAnExistingDomainAndAFreeAddress() {
        assertFails(add("bob@example.org", "password1"), 1,
                "domain example.org does not exist (add it with: mailroom-admin domain add example.org)");
        ok("domain add example.org");
        assertThat(add("bob@example.org", "password1").code()).isZero();
        store.admin().addAlias(new Alias("sales@example.org", List.of(addr("bob@example.org"))));
        Snapshot before = snapshot();
        assertFails(add("BOB@example.org", "password2"), 1, "user BOB@example.org already exists");
        assertFails(add("sales@example.org", "password2"), 1, "sales@example.org already exists as a user or an alias");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void aBadAddressIsAUsageError() {
        ok("domain add example.org");
        assertUsage(run("user add bob"), "'bob' is not "
                + "an email address like alice@example.org (an address needs the form local-part@domain)");
        assertUsage(run("user add bob@exa..mple.org"), "'bob@exa..mple.org' is not an email address");
        assertUsage(run("user show @example.org"), "'@example.org' is not an email address");
        assertUsage(run("user add bob@example.org --storage lots"), "--storage: 'lots' is "
                + "not a size like 500M or 2G (or 0 or unlimited for no limit)");
        assertUsage(run("user add bob@example.org --messages -5"), "--messages: '-5' is "
                + "not a number of messages");
        assertThat(store.admin().accounts(Optional.empty())).isEmpty();
    }

    @Test
    void userListShowsAllOrOneDomainAndMarksDisabledUsers() {
        ok("domain add example.org");
        ok("domain add example.net");
        add("bob@example.org", "password1");
        add("alice@example.org", "password1");
        add("zed@example.net", "password1");
        assertThat(ok("user disable bob@example.org")).isEqualTo("disabled user bob@example.org\n");
        assertThat(ok("user list")).isEqualTo("alice@example.org\nbob@example.org (disabled)\nzed@example.net\n");
        assertThat(ok("user list example.net")).isEqualTo("zed@example.net\n");
        assertFails(run("user list example.com"), 1,
                "domain example.com does not exist (add it with: mailroom-admin domain add example.com)");

        assertThat(store.credentials().find(addr("bob@example.org")).orElseThrow().enabled()).isFalse();
        assertThat(ok("user enable bob@example.org")).isEqualTo("enabled user bob@example.org\n");
        assertThat(store.credentials().find(addr("bob@example.org")).orElseThrow().enabled()).isTrue();
        assertFails(run("user disable nobody@example.org"), 1, "user nobody@example.org does not exist");
        assertFails(run("user enable nobody@example.org"), 1, "user nobody@example.org does not exist");
    }

    @Test
    void userShowPrintsMailboxesWithCountsAndQuotaUse() {
        ok("domain add example.org");
        add("alice@example.org", "password1");
        ok("quota set alice@example.org --storage 1M --messages 10");
        ok("alias add sales@example.org alice@example.org bob@example.net");
        UserMailboxes boxes = store.mailboxes().of(store.admin().account(addr("alice@example.org")).orElseThrow().id());
        TestContent m = TestContent.of("Subject: x\r\n\r\n" + "y".repeat(1000) + "\r\n");
        boxes.append(MailboxName.INBOX, m, Flags.NONE, Instant.EPOCH);
        boxes.append(MailboxName.INBOX, m, Flags.NONE, Instant.EPOCH);
        boxes.append(MailboxName.of("Archive"), m, Flags.NONE, Instant.EPOCH);

        assertThat(ok("user show alice@example.org")).isEqualTo("""
                user:      alice@example.org
                status:    enabled
                storage:   3.0 KiB of 1.0 MiB (0%)
                messages:  3 of 10 (30%)
                aliases:   sales@example.org
                mailboxes:
                  Archive  1 message, 1016 B
                  Drafts   0 messages, 0 B
                  INBOX    2 messages, 2.0 KiB
                  Junk     0 messages, 0 B
                  Sent     0 messages, 0 B
                  Trash    0 messages, 0 B
                """);
        assertFails(run("user show bob@example.org"), 1, "user bob@example.org does not exist");
    }

    @Test
    void userPasswdReplacesTheCredentials() {
        ok("domain add example.org");
        add("alice@example.org", "password1");
        Result r = admin.withStdin("new password\n", "user", "passwd", "alice@example.org", "--password-stdin");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("changed the password of alice@example.org\n");
        assertThat(TestHashing.matches("new password",
                store.credentials().find(addr("alice@example.org")).orElseThrow())).isTrue();

        r = admin.typing(List.of("typed password", "typed password"), "user", "passwd", "alice@example.org");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(TestHashing.matches("typed password",
                store.credentials().find(addr("alice@example.org")).orElseThrow())).isTrue();

        Snapshot before = snapshot();
        assertFails(admin.typing(List.of("typed password", "typo password"), "user", "passwd", "alice@example.org"),
                1, "the two passwords differ; nothing changed");
        assertFails(admin.withStdin("", "user", "passwd", "alice@example.org", "--password-stdin"), 1,
                "no password on standard input (--password-stdin reads its first line)");
        assertFails(admin.withStdin("password1\n", "user", "passwd", "bob@example.org", "--password-stdin"), 1,
                "user bob@example.org does not exist");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void userRemoveTakesTheMailWithIt() {
        ok("domain add example.org");
        add("alice@example.org", "password1");
        long id = store.admin().account(addr("alice@example.org")).orElseThrow().id();
        store.mailboxes().of(id).append(MailboxName.INBOX, TestContent.of("Subject: x\r\n\r\nbody\r\n"), Flags.NONE,
                Instant.EPOCH);
        ok("alias add sales@example.org alice@example.org bob@remote.example");
        assertThat(ok("user remove alice@example.org")).isEqualTo("removed user alice@example.org and all its mail\n"
                + "aliases that still forward to it: sales@example.org\n");
        assertThat(store.admin().accounts(Optional.empty())).isEmpty();
        assertFails(run("user remove alice@example.org"), 1, "user alice@example.org does not exist");
    }

    @Test
    void theServersAuthenticatorAcceptsThePasswordsTheCliSets() throws Exception {
        ok("domain add example.org");
        add("alice@example.org", "first password");
        DefaultAuthenticator auth = new DefaultAuthenticator(store.credentials(),
                new LoginThrottle(ThrottleConfig.DEFAULTS, Clock.systemUTC()), Clock.systemUTC(),
                new PasswordHasher(PasswordHasher.Parameters.FOR_TESTS));
        InetAddress client = InetAddress.getLoopbackAddress();
        assertThat(auth.login("alice@example.org", "first password".toCharArray(), client))
                .isInstanceOf(LoginResult.Success.class);

        admin.withStdin("second password\n", "user", "passwd", "alice@example.org", "--password-stdin");
        assertThat(auth.login("alice@example.org", "second password".toCharArray(), client))
                .isInstanceOf(LoginResult.Success.class);
        assertThat(auth.login("alice@example.org", "first password".toCharArray(), client))
                .isNotInstanceOf(LoginResult.Success.class);

        ok("user disable alice@example.org");
        assertThat(auth.login("alice@example.org", "second password".toCharArray(), client))
                .isNotInstanceOf(LoginResult.Success.class);
    }
}
