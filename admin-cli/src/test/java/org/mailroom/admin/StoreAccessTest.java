package org.mailroom.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailroom.admin.AdminRunner.Result;
import org.mailroom.store.EmailAddress;
import org.mailroom.store.derby.DerbyCredential;
import org.mailroom.store.derby.DerbyNetworkServer;
import org.mailroom.store.derby.DerbyStore;
import org.mailroom.store.derby.TestStores;

/** The real way in: embedded when no server runs, through its Derby network server when one does. */
class StoreAccessTest {

    @TempDir
    Path install;

    private AdminRunner admin() {
        return new AdminRunner(install, new DerbyStoreOpener(), TestHashing.FAST);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return s.getLocalPort();
        }
    }

    private static void assertOk(Result r) {
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err()).as(r.toString()).isEmpty();
    }

    @Test
    void withoutAServerTheDatabaseIsCreatedAndOpenedEmbedded() throws IOException {
        AdminRunner.writeConfig(install, "hostname = mail.example.org", "data.dir = data",
                "admin.port = " + freePort());
        assertOk(admin().run("quickstart", "alice@example.org"));
        assertOk(admin().run("alias", "add", "sales@example.org", "alice@example.org"));
        Result r = admin().run("user", "list");
        assertOk(r);
        assertThat(r.out()).isEqualTo("alice@example.org\n");

        Path credential = install.resolve("data/derby.credential");
        assertThat(Files.getPosixFilePermissions(credential)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        // each command shut the database down; the server's own start finds it as the CLI left it
        try (DerbyStore server = DerbyStore.openEmbedded(install.resolve("data/db"), DerbyCredential.load(credential))) {
            assertThat(server.admin().aliases(Optional.empty())).hasSize(2);
        }
    }

    @Test
    void anotherProgramOnTheAdminPortOfAFreshInstallationIsNotTakenForTheServer() throws IOException {
        try (ServerSocket other = new ServerSocket()) {
            other.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            AdminRunner.writeConfig(install, "hostname = mail.example.org", "data.dir = data",
                    "admin.port = " + other.getLocalPort());
            assertOk(admin().run("domain", "add", "example.org"));
        }
        assertThat(install.resolve("data/derby.credential")).exists();
    }

    @Test
    void whileTheServerRunsChangesGoThroughItsNetworkServerAndShowAtOnce() throws IOException {
        Path data = install.resolve("data");
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (DerbyStore server = TestStores.open(data);
             DerbyNetworkServer network = DerbyNetworkServer.start(loopback, freePort(),
                     DerbyCredential.load(data.resolve("derby.credential")))) {
            AdminRunner.writeConfig(install, "hostname = mail.example.org", "data.dir = data",
                    "admin.port = " + network.port());
            assertOk(admin().run("domain", "add", "example.org"));
            assertThat(server.admin().domains()).containsExactly("example.org");

            assertOk(admin().withStdin("password1\n", "user", "add", "alice@example.org", "--password-stdin"));
            assertThat(server.credentials().find(EmailAddress.parse("alice@example.org"))).isPresent();

            server.admin().addDomain("example.net");
            Result r = admin().run("domain", "list");
            assertOk(r);
            assertThat(r.out()).isEqualTo("example.net\nexample.org\n");

            assertOk(admin().run("user", "disable", "alice@example.org"));
            assertThat(server.admin().account(EmailAddress.parse("alice@example.org"))
                    .orElseThrow().enabled()).isFalse();
        }
    }

    @Test
    void aRefusedCredentialIsOneLine() throws IOException {
        Path data = install.resolve("data");
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (DerbyStore server = TestStores.open(data);
             DerbyNetworkServer network = DerbyNetworkServer.start(loopback, freePort(),
                     DerbyCredential.load(data.resolve("derby.credential")))) {
            AdminRunner.writeConfig(install, "hostname = mail.example.org", "data.dir = data",
                    "admin.port = " + network.port());
            Files.writeString(data.resolve("derby.credential"), "user=mailroom\npassword=wrong\n");
            Result r = admin().run("domain", "list");
            assertThat(r.code()).isEqualTo(1);
            assertThat(r.err()).isEqualTo("mailroom-admin: the database " + data.resolve("db")
                    + " refused the Derby credential\n");
            assertThat(server.admin().domains()).isEmpty();
        }
    }

    @Test
    void rootIsToldToRunAsTheOwnerOfTheDataInsteadOfTakingItOver() throws IOException {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "only root can give a file away");
        UserPrincipal nobody = install.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        Path data = Files.createDirectories(install.resolve("data"));
        Files.setOwner(data, nobody);
        AdminRunner.writeConfig(install, "hostname = mail.example.org", "data.dir = data", "admin.port = 0");
        Result r = admin().run("domain", "list");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("mailroom-admin: " + data + " belongs to the user nobody: run mailroom-admin "
                + "as nobody (e.g. sudo -u nobody bin/mailroom-admin ...)\n");
        assertThat(data.resolve("db")).doesNotExist();

        // before the data directory exists, the installation directory's owner decides
        Files.delete(data);
        Files.setOwner(install, nobody);
        r = admin().run("domain", "list");
        assertThat(r.err()).isEqualTo("mailroom-admin: " + install + " belongs to the user nobody: run "
                + "mailroom-admin as nobody (e.g. sudo -u nobody bin/mailroom-admin ...)\n");
        assertThat(data).doesNotExist();
    }
}
