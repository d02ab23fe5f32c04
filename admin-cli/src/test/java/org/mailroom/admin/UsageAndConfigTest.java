package org.mailroom.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailroom.admin.AdminRunner.Result;
import org.mailroom.config.CoreConfig;
import org.mailroom.store.derby.DerbyStore;
import org.mailroom.store.derby.TestStores;
import picocli.CommandLine;

/** Help, version, usage errors and the configuration: none of these needs the store. */
class UsageAndConfigTest {

    @TempDir
    Path install;

    private final AtomicReference<CoreConfig> opened = new AtomicReference<>();

    private AdminRunner runner() {
        return new AdminRunner(install, core -> {
            opened.set(core);
            throw new IllegalStateException("the database " + core.dataDir() + " is open in another process "
                    + "(is the server running?)");
        }, TestHashing.FAST);
    }

    private static List<List<String>> everyCommand(CommandLine line, List<String> path) {
        List<List<String>> out = new ArrayList<>();
        out.add(path);
        line.getSubcommands().forEach((name, sub) -> {
            List<String> p = new ArrayList<>(path);
            p.add(name);
            out.addAll(everyCommand(sub, p));
        });
        return out;
    }

    @Test
    void everyCommandHasHelp() {
        List<List<String>> commands = everyCommand(CompletionScript.tree(), List.of());
        assertThat(commands).hasSizeGreaterThan(25);
        for (List<String> command : commands) {
            List<String> args = new ArrayList<>(command);
            args.add("--help");
            Result r = runner().run(args.toArray(String[]::new));
            assertThat(r.code()).as(r.toString()).isZero();
            assertThat(r.err()).isEmpty();
            assertThat(r.out()).as(r.toString()).startsWith("Usage: mailroom-admin" + command.stream()
                    .map(c -> " " + c).reduce("", String::concat)).contains("-h, --help").contains("--config=FILE");
        }
        assertThat(opened.get()).as("help opens no store").isNull();
    }

    @Test
    void theTopLevelHelpListsTheCommands() {
        Result r = runner().run("--help");
        assertThat(r.out()).contains("domain", "user", "alias", "relay", "quota", "queue", "quickstart");
        assertThat(runner().run("user", "-h").out()).contains("add", "remove", "list", "show", "passwd", "enable",
                "disable");
    }

    @Test
    void versionIsTheBuildsVersion() {
        Result r = runner().run("--version");
        assertThat(r.code()).isZero();
        assertThat(r.out()).matches("mailroom-admin \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\n");
        assertThat(runner().run("domain", "add", "--version").out()).isEqualTo(r.out());
    }

    @Test
    void noCommandOrAnUnknownOneIsAUsageError() {
        Result r = runner().run();
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("mailroom-admin: Missing required subcommand (see 'mailroom-admin --help')\n");
        r = runner().run("frobnicate");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("mailroom-admin: Unmatched argument at index 0: 'frobnicate'").hasLineCount(1);
        r = runner().run("--verbose", "domain", "list");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("mailroom-admin: Unknown option: '--verbose' (see 'mailroom-admin --help')\n");
    }

    @Test
    void aMissingConfigurationIsOneLine() {
        Result r = runner().run("domain", "list");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("mailroom-admin: " + install.resolve("conf/mailroom.properties")
                + ": configuration file not found\n");
        r = runner().run("--config", install.resolve("other.properties").toString(), "domain", "list");
        assertThat(r.err()).isEqualTo("mailroom-admin: " + install.resolve("other.properties")
                + ": configuration file not found\n");
    }

    @Test
    void aBadCoreValueIsOneLineNamingTheKey() {
        AdminRunner.writeConfig(install, "hostname = mail.example.org", "admin.port = 99999");
        Result r = runner().run("domain", "list");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("mailroom-admin: " + install.resolve("conf/mailroom.properties")
                + ": admin.port: a port must be between 0 (disabled) and 65535, not 99999\n");
    }

    @Test
    void keysOfTheProtocolModulesAreNotRefused() {
        AdminRunner.writeConfig(install, "hostname = mail.example.org", "data.dir = /srv/mail", "admin.port = 1600",
                "smtp.port = 25", "imap.idle-timeout = 30m", "route.example.com = 127.0.0.1:2525",
                "something.only-the-server-knows = 1");
        Result r = runner().run("domain", "list");
        assertThat(r.err()).isEqualTo("mailroom-admin: the database /srv/mail is open in another process "
                + "(is the server running?)\n");
        assertThat(opened.get().dataDir()).isEqualTo(Path.of("/srv/mail"));
        assertThat(opened.get().adminPort()).isEqualTo(1600);
    }

    @Test
    void relativePathsResolveAgainstTheInstallationDirectoryAndConfigMayComeAnywhere() throws Exception {
        Path other = install.resolve("elsewhere.properties");
        Files.writeString(other, "hostname = mail.example.org\ndata.dir = var/data\n");
        runner().run("--config", other.toString(), "domain", "list");
        assertThat(opened.get().dataDir()).isEqualTo(install.resolve("var/data"));
        opened.set(null);
        runner().run("domain", "list", "--config", other.toString());
        assertThat(opened.get()).isNotNull();
        assertThat(opened.get().dataDir()).isEqualTo(install.resolve("var/data"));
    }

    @Test
    void theDefaultConfigurationIsFoundThroughMailroomHome() {
        assertThat(MailroomAdmin.installDir()).isEqualTo(Path.of("").toAbsolutePath());
        String before = System.getProperty(AdminEnvironment.HOME_PROPERTY);
        System.setProperty(AdminEnvironment.HOME_PROPERTY, install.toString());
        try {
            assertThat(MailroomAdmin.installDir()).isEqualTo(install);
        } finally {
            if (before == null) {
                System.clearProperty(AdminEnvironment.HOME_PROPERTY);
            } else {
                System.setProperty(AdminEnvironment.HOME_PROPERTY, before);
            }
        }
    }

    @Test
    void anUnexpectedErrorIsStillOneLine(@TempDir Path data) {
        DerbyStore store = TestStores.open(data);
        store.close();
        AdminRunner.writeConfig(install, "hostname = mail.example.org");
        Result r = new AdminRunner(install, core -> store, TestHashing.FAST).run("domain", "list");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("mailroom-admin: the store is closed\n");
        r = new AdminRunner(install, core -> {
            throw new NullPointerException("boom");
        }, TestHashing.FAST).run("domain", "list");
        assertThat(r.err()).isEqualTo("mailroom-admin: internal error: java.lang.NullPointerException: boom\n");
    }
}
