package org.mailroom.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailroom.store.Account;
import org.mailroom.store.EmailAddress;
import org.mailroom.store.Quota;
import org.mailroom.store.derby.DerbyStore;
import org.mailroom.store.derby.TestStores;

/** PLAIN, LOGIN and SCRAM-SHA-256 through {@link DefaultAuthenticator#start} against the Derby store. */
class SaslMechanismsTest {

    static final InetAddress CLIENT = InetAddress.getLoopbackAddress();
    static final String PASSWORD = "pencil ünd €";

    @TempDir
    Path dir;
    DerbyStore store;
    MutableClock clock = new MutableClock();
    DefaultAuthenticator auth;
    Account alice;

    @BeforeEach
    void open() {
        store = TestStores.open(dir);
        store.admin().addDomain("example.org");
        Credentials c = Credentials.fromPassword(PASSWORD.toCharArray(), DefaultAuthenticatorTest.CHEAP);
        alice = store.admin().addAccount(EmailAddress.parse("alice@example.org"), c.passwordHash(), c.scramVerifier(),
                Quota.UNLIMITED);
        auth = new DefaultAuthenticator(store.credentials(), new LoginThrottle(ThrottleConfig.DEFAULTS, clock), clock,
                DefaultAuthenticatorTest.CHEAP);
    }

    @AfterEach
    void close() {
        store.close();
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private LoginResult result(SaslExchange.Step step) {
        assertThat(step).isInstanceOf(SaslExchange.Done.class);
        return ((SaslExchange.Done) step).result();
    }

    private SaslExchange start(String mechanism) {
        return auth.start(mechanism, CLIENT).orElseThrow();
    }

    @Test
    void mechanismsAreOfferedStrongestFirstAndMatchedCaseInsensitively() {
        assertThat(auth.mechanisms()).containsExactly("SCRAM-SHA-256", "PLAIN", "LOGIN");
        assertThat(auth.start("plain", CLIENT)).get().extracting(SaslExchange::mechanism).isEqualTo("PLAIN");
        assertThat(auth.start("CRAM-MD5", CLIENT)).isEmpty();
        assertThat(auth.start("SCRAM-SHA-256-PLUS", CLIENT)).isEmpty();
        assertThat(auth.start(null, CLIENT)).isEmpty();
    }

    @Test
    void plainWithAnInitialResponseLogsIn() {
        LoginResult r = result(start("PLAIN").step(b("\0alice@example.org\0" + PASSWORD)));
        assertThat(r).isEqualTo(new LoginResult.Success(new AuthenticatedUser(alice.id(), alice.address())));
    }

    @Test
    void plainWithoutAnInitialResponseGetsAnEmptyChallengeFirst() {
        SaslExchange x = start("PLAIN");
        assertThat(((SaslExchange.Challenge) x.step(new byte[0])).data()).isEmpty();
        assertThat(result(x.step(b("alice@example.org\0alice@example.org\0" + PASSWORD))))
                .isInstanceOf(LoginResult.Success.class);
    }

    @Test
    void plainRefusesActingAsSomeoneElse() {
        assertThat(result(start("PLAIN").step(b("bob@example.org\0alice@example.org\0" + PASSWORD))))
                .isInstanceOf(LoginResult.Failure.class);
    }

    @Test
    void plainWithAWrongPasswordFails() {
        assertThat(result(start("PLAIN").step(b("\0alice@example.org\0wrong")))).isInstanceOf(LoginResult.Failure.class);
    }

    @Test
    void malformedPlainMessagesAreSyntaxErrors() {
        for (byte[] bad : new byte[][] {b("alice@example.org"), b("\0alice@example.org"), b("\0\0pw"), b("\0a\0"),
            b("\0a\0b\0c"), b("\0" + "a".repeat(256) + "\0pw"), {0, 'a', 0, (byte) 0xc3}}) {
            assertThat(start("PLAIN").step(bad)).isInstanceOf(SaslExchange.Malformed.class);
        }
    }

    @Test
    void loginAsksForUsernameThenPassword() {
        SaslExchange x = start("LOGIN");
        assertThat(new String(((SaslExchange.Challenge) x.step(new byte[0])).data(), StandardCharsets.US_ASCII))
                .isEqualTo("Username:");
        assertThat(new String(((SaslExchange.Challenge) x.step(b("alice@example.org"))).data(), StandardCharsets.US_ASCII))
                .isEqualTo("Password:");
        assertThat(result(x.step(b(PASSWORD)))).isInstanceOf(LoginResult.Success.class);
        assertThat(x.step(b(PASSWORD))).isInstanceOf(SaslExchange.Malformed.class);
    }

    @Test
    void loginAcceptsTheUserNameAsInitialResponse() {
        SaslExchange x = start("LOGIN");
        assertThat(new String(((SaslExchange.Challenge) x.step(b("alice@example.org"))).data(), StandardCharsets.US_ASCII))
                .isEqualTo("Password:");
        assertThat(result(x.step(b("nope")))).isInstanceOf(LoginResult.Failure.class);
    }

    @Test
    void scramLogsInWithTheVerifierTheAdminStored() throws Exception {
        ScramClient client = new ScramClient("n,,", "alice@example.org", PASSWORD, "fyko+d2lbbFgONRv9qkxdawL");
        SaslExchange x = start("SCRAM-SHA-256");
        String serverFirst = new String(((SaslExchange.Challenge) x.step(b(client.clientFirst()))).data(),
                StandardCharsets.UTF_8);
        assertThat(serverFirst).startsWith("r=fyko+d2lbbFgONRv9qkxdawL").contains(",i=8192");
        SaslExchange.Done done = (SaslExchange.Done) x.step(b(client.clientFinal(serverFirst)));
        assertThat(done.result()).isEqualTo(new LoginResult.Success(new AuthenticatedUser(alice.id(), alice.address())));
        assertThat(new String(done.serverFinal(), StandardCharsets.UTF_8)).isEqualTo(client.expectedServerFinal());
    }

    @Test
    void scramServerNoncesAreFreshEachTime() {
        String a = new String(((SaslExchange.Challenge) start("SCRAM-SHA-256").step(b("n,,n=alice@example.org,r=x")))
                .data(), StandardCharsets.UTF_8);
        String c = new String(((SaslExchange.Challenge) start("SCRAM-SHA-256").step(b("n,,n=alice@example.org,r=x")))
                .data(), StandardCharsets.UTF_8);
        assertThat(ScramClient.field(a, "r")).isNotEqualTo(ScramClient.field(c, "r"));
        assertThat(ScramClient.field(a, "s")).isEqualTo(ScramClient.field(c, "s"));
    }

    @Test
    void scramForADisabledAccountFailsEvenWithTheRightPassword() throws Exception {
        store.admin().setEnabled(alice.address(), false);
        ScramClient client = new ScramClient("n,,", "alice@example.org", PASSWORD, "abc");
        SaslExchange x = start("SCRAM-SHA-256");
        String serverFirst = new String(((SaslExchange.Challenge) x.step(b(client.clientFirst()))).data(),
                StandardCharsets.UTF_8);
        assertThat(((SaslExchange.Done) x.step(b(client.clientFinal(serverFirst)))).result())
                .isInstanceOf(LoginResult.Failure.class);
    }

    @Test
    void scramFailuresAreThrottledAndABannedClientIsRefusedAfterItsFirstMessage() throws Exception {
        for (int i = 0; i < ThrottleConfig.DEFAULTS.addressLimit(); i++) {
            ScramClient wrong = new ScramClient("n,,", "alice@example.org", "guess" + i, "abc");
            SaslExchange x = start("SCRAM-SHA-256");
            String serverFirst = new String(((SaslExchange.Challenge) x.step(b(wrong.clientFirst()))).data(),
                    StandardCharsets.UTF_8);
            x.step(b(wrong.clientFinal(serverFirst)));
        }
        SaslExchange x = start("SCRAM-SHA-256");
        assertThat(result(x.step(b("n,,n=alice@example.org,r=abc")))).isInstanceOf(LoginResult.Banned.class);
        assertThat(result(start("PLAIN").step(b("\0alice@example.org\0" + PASSWORD))))
                .isInstanceOf(LoginResult.Banned.class);
    }
}
