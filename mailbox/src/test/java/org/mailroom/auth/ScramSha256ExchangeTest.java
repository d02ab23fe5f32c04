package org.mailroom.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mailroom.store.EmailAddress;

/** The server side of SCRAM-SHA-256 against the example exchange of RFC 7677 §3. */
class ScramSha256ExchangeTest {

    static final String SERVER_NONCE = "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
    static final AuthenticatedUser USER = new AuthenticatedUser(1, EmailAddress.parse("user@example.org"));
    static final ScramVerifier PENCIL = ScramVerifier.fromPassword("pencil".toCharArray(),
            Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ=="), 4096);

    /** Knows one user, "user" with password "pencil" salted as in the RFC; every other name is unknown. */
    final ScramAccounts accounts = new ScramAccounts() {
        @Override
        public Target target(String username) {
            if (username.equals("user")) {
                return new Target(username, PENCIL, Optional.empty(), Optional.of(USER));
            }
            return new Target(username, new ScramDecoys().verifier(username), Optional.empty(), Optional.empty());
        }

        @Override
        public LoginResult conclude(Target target, boolean proofValid) {
            return proofValid && target.user().isPresent() ? new LoginResult.Success(target.user().get())
                    : new LoginResult.Failure(Duration.ofSeconds(1));
        }
    };

    private ScramSha256Exchange exchange() {
        return new ScramSha256Exchange(accounts, () -> SERVER_NONCE);
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String s(SaslExchange.Step step) {
        if (step instanceof SaslExchange.Challenge c) {
            return new String(c.data(), StandardCharsets.UTF_8);
        }
        throw new AssertionError("expected a challenge, got " + step);
    }

    @Test
    void theRfc7677ExampleExchangeProducesItsExactServerMessages() {
        ScramSha256Exchange x = exchange();
        assertThat(s(x.step(b("n,,n=user,r=rOprNGfwEbeRWgbNEkqO"))))
                .isEqualTo("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096");
        SaslExchange.Step last = x.step(b("c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="));
        assertThat(last).isInstanceOf(SaslExchange.Done.class);
        SaslExchange.Done done = (SaslExchange.Done) last;
        assertThat(done.result()).isEqualTo(new LoginResult.Success(USER));
        assertThat(new String(done.serverFinal(), StandardCharsets.UTF_8))
                .isEqualTo("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=");
    }

    @Test
    void anIndependentClientComputesTheRfcProofAndAgreesWithTheServer() throws Exception {
        ScramClient client = new ScramClient("n,,", "user", "pencil", "rOprNGfwEbeRWgbNEkqO");
        ScramSha256Exchange x = exchange();
        String serverFirst = s(x.step(b(client.clientFirst())));
        String clientFinal = client.clientFinal(serverFirst);
        assertThat(clientFinal).endsWith(",p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=");
        SaslExchange.Done done = (SaslExchange.Done) x.step(b(clientFinal));
        assertThat(new String(done.serverFinal(), StandardCharsets.UTF_8)).isEqualTo(client.expectedServerFinal());
    }

    @Test
    void withoutAnInitialResponseTheServerSendsAnEmptyChallengeFirst() throws Exception {
        ScramSha256Exchange x = exchange();
        assertThat(((SaslExchange.Challenge) x.step(new byte[0])).data()).isEmpty();
        ScramClient client = new ScramClient("y,,", "user", "pencil", "abc");
        String clientFinal = client.clientFinal(s(x.step(b(client.clientFirst()))));
        assertThat(clientFinal).startsWith("c=eSws,");
        assertThat(((SaslExchange.Done) x.step(b(clientFinal))).result()).isInstanceOf(LoginResult.Success.class);
    }

    @Test
    void aWrongPasswordFailsWithInvalidProof() throws Exception {
        ScramClient client = new ScramClient("n,,", "user", "pencim", "abc");
        ScramSha256Exchange x = exchange();
        SaslExchange.Done done = (SaslExchange.Done) x.step(b(client.clientFinal(s(x.step(b(client.clientFirst()))))));
        assertThat(done.result()).isInstanceOf(LoginResult.Failure.class);
        assertThat(new String(done.serverFinal(), StandardCharsets.UTF_8)).isEqualTo("e=invalid-proof");
    }

    @Test
    void anUnknownUserGetsAPlausibleChallengeWithAStableSaltAndFailsTheSameWay() throws Exception {
        ScramSha256Exchange x = exchange();
        String first = s(x.step(b("n,,n=nobody,r=abc")));
        assertThat(first).matches("r=abc" + java.util.regex.Pattern.quote(SERVER_NONCE)
                + ",s=[A-Za-z0-9+/]{22}==,i=" + ScramVerifier.DEFAULT_ITERATIONS);
        ScramClient client = new ScramClient("n,,", "nobody", "pencil", "abc");
        client.clientFirst();
        SaslExchange.Done done = (SaslExchange.Done) x.step(b(client.clientFinal(first)));
        assertThat(done.result()).isInstanceOf(LoginResult.Failure.class);
        assertThat(new String(done.serverFinal(), StandardCharsets.UTF_8)).isEqualTo("e=invalid-proof");
    }

    @Test
    void channelBindingRequestsAreRefusedAsWeOfferNoPlus() {
        assertThat(exchange().step(b("p=tls-unique,,n=user,r=abc"))).isInstanceOf(SaslExchange.Malformed.class);
        assertThat(exchange().step(b("p=tls-exporter,a=user,n=user,r=abc"))).isInstanceOf(SaslExchange.Malformed.class);
    }

    @Test
    void malformedClientFirstMessagesAreSyntaxErrors() {
        for (String bad : new String[] {"", "n,,", "n,,r=abc", "x,,n=user,r=abc", "n,,m=ext,n=user,r=abc",
            "n,,n=us=er,r=abc", "n,,n=,r=abc", "n,,n=user", "n,,n=user,r=a,b", "n=user,r=abc"}) {
            SaslExchange.Step step = exchange().step(b(bad));
            if (bad.isEmpty()) {
                assertThat(step).isInstanceOf(SaslExchange.Challenge.class);
            } else {
                assertThat(step).as(bad).isInstanceOf(SaslExchange.Malformed.class);
            }
        }
        assertThat(exchange().step(new byte[] {'n', ',', ',', 'n', '=', (byte) 0xff, ',', 'r', '=', 'a'}))
                .isInstanceOf(SaslExchange.Malformed.class);
    }

    @Test
    void aClientFinalWithAnotherNonceOrBindingIsMalformed() {
        ScramSha256Exchange x = exchange();
        x.step(b("n,,n=user,r=abc"));
        assertThat(x.step(b("c=biws,r=abcX,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=")))
                .isInstanceOf(SaslExchange.Malformed.class);
        ScramSha256Exchange y = exchange();
        y.step(b("n,,n=user,r=abc"));
        assertThat(y.step(b("c=eSws,r=abc" + SERVER_NONCE + ",p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=")))
                .isInstanceOf(SaslExchange.Malformed.class);
    }

    @Test
    void anAuthorizationIdentityOtherThanOneselfFailsEvenWithTheRightPassword() throws Exception {
        ScramClient client = new ScramClient("n,a=admin,", "user", "pencil", "abc");
        ScramSha256Exchange x = exchange();
        SaslExchange.Done done = (SaslExchange.Done) x.step(b(client.clientFinal(s(x.step(b(client.clientFirst()))))));
        assertThat(done.result()).isInstanceOf(LoginResult.Failure.class);

        ScramClient self = new ScramClient("n,a=user,", "user", "pencil", "abc");
        ScramSha256Exchange y = exchange();
        SaslExchange.Done ok = (SaslExchange.Done) y.step(b(self.clientFinal(s(y.step(b(self.clientFirst()))))));
        assertThat(ok.result()).isInstanceOf(LoginResult.Success.class);
    }

    @Test
    void usernamesWithCommasAndEqualsAreDecoded() {
        assertThat(ScramSha256Exchange.saslName("a=2Cb=3Dc")).contains("a,b=c");
        assertThat(ScramSha256Exchange.saslName("a=2")).isEmpty();
        assertThat(ScramSha256Exchange.saslName("a=41")).isEmpty();
    }

    @Test
    void nothingIsAcceptedAfterTheExchangeEnds() throws Exception {
        ScramClient client = new ScramClient("n,,", "user", "pencil", "abc");
        ScramSha256Exchange x = exchange();
        String fin = client.clientFinal(s(x.step(b(client.clientFirst()))));
        x.step(b(fin));
        assertThat(x.step(b(fin))).isInstanceOf(SaslExchange.Malformed.class);
    }
}
