package org.mailroom.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailroom.store.EmailAddress;
import org.mailroom.store.Quota;
import org.mailroom.store.derby.DerbyStore;
import org.mailroom.store.derby.TestStores;

class TestAuthTest {

    @TempDir
    Path dir;

    @Test
    void theTestAuthenticatorChecksRealHashesAndAnswersFailuresWithoutDelay() {
        try (DerbyStore store = TestStores.open(dir)) {
            store.admin().addDomain("example.org");
            Credentials c = TestAuth.credentials("secret");
            store.admin().addAccount(EmailAddress.parse("a@example.org"), c.passwordHash(), c.scramVerifier(),
                    Quota.UNLIMITED);
            DefaultAuthenticator auth = TestAuth.authenticator(store.credentials());
            InetAddress client = InetAddress.getLoopbackAddress();
            assertThat(auth.login("a@example.org", "secret".toCharArray(), client)).isInstanceOf(LoginResult.Success.class);
            assertThat(auth.login("a@example.org", "wrong".toCharArray(), client))
                    .isEqualTo(new LoginResult.Failure(Duration.ZERO));
            assertThat(new PasswordHasher().verify("secret".toCharArray(), c.passwordHash())).isTrue();
        }
    }
}
