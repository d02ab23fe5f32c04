package org.mailroom.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailroom.admin.AdminRunner.Result;
import org.mailroom.auth.PasswordHasher;
import org.mailroom.store.EmailAddress;
import org.mailroom.store.derby.DerbyCredential;
import org.mailroom.store.derby.DerbyStore;

/**
 * {@code mailroom-admin} as the launcher runs it: its own JVM, {@code mailroom.home} set, real exit
 * codes, standard streams, and nothing on them but the command's own lines.
 */
class MainProcessTest {

    @TempDir
    Path install;

    private Result launch(String stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dmailroom.home=" + install,
                MailroomAdmin.class.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(install.toFile()).start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out, err);
    }

    @Test
    void theLauncherWayExitsWithTheRightCodesAndPrintsOnlyItsOwnLines() throws Exception {
        AdminRunner.writeConfig(install, "hostname = mail.example.org", "data.dir = data", "admin.port = 0");

        Result r = launch("", "domain", "add", "example.org");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("added domain example.org\n");
        assertThat(r.err()).isEmpty();

        r = launch("", "domain", "add", "not_a domain");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).hasLineCount(1);

        r = launch("a good password\n", "user", "add", "alice@example.org", "--password-stdin");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("added user alice@example.org\n");

        r = launch("", "quickstart", "bob@example.net");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).matches("(?s)Created the domain example.net, the user bob@example.net, the alias "
                + "postmaster@example.net -> bob@example.net and the DKIM key rsa-[0-9]{8}\\.\n.*");
        assertThat(r.err()).isEmpty();

        r = launch("", "user", "add", "carol@example.org");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("mailroom-admin: no terminal to ask for the password on; "
                + "pipe it in with --password-stdin\n");

        r = launch("", "user", "list");
        assertThat(r.out()).isEqualTo("alice@example.org\nbob@example.net\n");
        try (DerbyStore store = DerbyStore.openEmbedded(install.resolve("data/db"),
                DerbyCredential.load(install.resolve("data/derby.credential")))) {
            String hash = store.credentials().find(EmailAddress.parse("alice@example.org")).orElseThrow().passwordHash();
            assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
            assertThat(new PasswordHasher().verify("a good password".toCharArray(), hash)).isTrue();
        }

        assertThat(install.resolve("data/db")).isDirectory();
        assertThat(install.resolve("derby.log")).doesNotExist();
    }
}
