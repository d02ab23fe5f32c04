package org.mailroom.store.derby;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailroom.store.EmailAddress;
import org.mailroom.store.Quota;
import org.mailroom.store.StoreError;
import org.mailroom.store.StoreException;

/** The admin CLI's way in while the server runs: Derby's network server on loopback. */
class DerbyNetworkServerTest {

    @TempDir
    Path dir;

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return s.getLocalPort();
        }
    }

    @Test
    void theCredentialReachesTheDatabaseWhileTheServerHoldsIt() throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (DerbyStore server = TestStores.open(dir);
             DerbyNetworkServer network = DerbyNetworkServer.start(loopback, freePort(),
                     DerbyCredential.load(dir.resolve("derby.credential")))) {
            server.admin().addDomain("example.org");
            try (DerbyStore admin = DerbyStore.connectNetwork(loopback.getHostAddress(), network.port(),
                    dir.resolve("db"), DerbyCredential.load(dir.resolve("derby.credential")))) {
                assertThat(admin.admin().domains()).containsExactly("example.org");
                admin.admin().addAccount(EmailAddress.parse("alice@example.org"), "h", "s", Quota.UNLIMITED);
                assertThat(admin.admin().mailboxesOf(EmailAddress.parse("alice@example.org"))).hasSize(6);
            }
            assertThat(server.admin().accounts(Optional.empty())).extracting(a -> a.address().toString())
                    .containsExactly("alice@example.org");

            assertThatThrownBy(() -> DerbyStore.connectNetwork(loopback.getHostAddress(), network.port(),
                    dir.resolve("db"), new DerbyCredential("mailroom", "wrong")))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("refused the Derby credential");
        }
    }

    @Test
    void aLostDatabaseIsTemporarilyUnavailableWithTheSqlCauseKept() throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (DerbyStore server = TestStores.open(dir)) {
            DerbyNetworkServer network = DerbyNetworkServer.start(loopback, freePort(),
                    DerbyCredential.load(dir.resolve("derby.credential")));
            try (DerbyStore admin = DerbyStore.connectNetwork(loopback.getHostAddress(), network.port(),
                    dir.resolve("db"), DerbyCredential.load(dir.resolve("derby.credential")))) {
                assertThat(admin.admin().domains()).isEmpty();
                network.close();
                assertThatThrownBy(() -> admin.admin().domains())
                        .isInstanceOfSatisfying(StoreException.class, e -> {
                            assertThat(e.error()).isEqualTo(StoreError.TEMPORARILY_UNAVAILABLE);
                            assertThat(e.getCause()).isInstanceOf(SQLException.class);
                            assertThat(e.getMessage()).doesNotContain("Derby", "SQL");
                        });
            }
            assertThat(server.admin().domains()).isEmpty();
        }
    }

    @Test
    void aClosedStoreIsTemporarilyUnavailable() {
        DerbyStore store = TestStores.open(dir);
        store.close();
        assertThatThrownBy(() -> store.admin().domains()).isInstanceOfSatisfying(StoreException.class,
                e -> assertThat(e.error()).isEqualTo(StoreError.TEMPORARILY_UNAVAILABLE));
    }

    @Test
    void theNetworkServerListensOnLoopbackOnly() throws IOException {
        DerbyCredential credential = DerbyCredential.generate();
        assertThatThrownBy(() -> DerbyNetworkServer.start(InetAddress.getByName("0.0.0.0"), 1527, credential))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTakenPortIsReportedClearly() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            assertThatThrownBy(() -> DerbyNetworkServer.start(InetAddress.getLoopbackAddress(), taken.getLocalPort(),
                    DerbyCredential.generate()))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("in use");
        }
    }
}
