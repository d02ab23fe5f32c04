package org.mailroom.admin;

import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Clock;
import java.util.Optional;
import org.mailroom.config.CoreConfig;
import org.mailroom.config.Settings;
import org.mailroom.store.MailStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code mailroom-admin}: the top of the command tree, and what every command shares: the
 * configuration and the store, each opened on first use and closed when the command ends.
 *
 * <p>The configuration is the server's own file, read with the same readers; keys of the protocol
 * modules are not read here and, unlike the server, the CLI does not refuse keys it did not read
 * (it never calls {@link Settings#rejectUnknownKeys()}): the server is the judge of its file.
 */
@Command(name = "mailroom-admin", mixinStandardHelpOptions = true, versionProvider = Version.class,
        synopsisSubcommandLabel = "COMMAND",
        footer = {"", "Start with: mailroom-admin quickstart alice@example.org",
                "Every command has --help, e.g. mailroom-admin user add --help"},
        description = {"Administers a Mailroom mail server: domains, users, aliases, relay rules, quotas and the "
                + "outbound queue.",
                "Works the same whether the server runs (changes reach it at once, through its Derby network "
                + "server on loopback) or not (the database is opened directly)."})
public final class MailroomAdmin {

    /** The configuration file, relative to the installation directory. */
    public static final String DEFAULT_CONFIG = "conf/mailroom.properties";
    private static final String LOG4J_CONFIGURATION = "log4j2.configurationFile";

    @Option(names = "--config", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "the server's configuration file (default: " + DEFAULT_CONFIG
                    + " in the installation directory)")
    private Path config;

    private final AdminEnvironment env;
    private Settings settings;
    private CoreConfig core;
    private MailStore store;

    public MailroomAdmin(AdminEnvironment env) {
        this.env = env;
    }

    public static void main(String[] args) {
        quietLogging();
        // From Java 22, System.console() answers even without a terminal unless told to use the plain
        // console; a password must only be prompted for on a real terminal (otherwise --password-stdin).
        if (System.getProperty("jdk.console") == null) {
            System.setProperty("jdk.console", "java.base");
        }
        PrintWriter out = new PrintWriter(System.out, true, Charset.defaultCharset());
        PrintWriter err = new PrintWriter(System.err, true, Charset.defaultCharset());
        AdminEnvironment env = new AdminEnvironment(installDir(), System.in, out, err, Terminal.system(),
                new DerbyStoreOpener(), PasswordHashing.PRODUCTION, Clock.systemUTC());
        int code = AdminCommands.build(env).execute(args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /**
     * The store logs for the server's log file; in the CLI those lines would only break the one-line
     * answers, so Log4j gets a configuration that drops them, unless the launcher chose another.
     */
    private static void quietLogging() {
        if (System.getProperty(LOG4J_CONFIGURATION) == null) {
            System.setProperty(LOG4J_CONFIGURATION, "classpath:org/mailroom/admin/log4j2-mailroom-admin.xml");
        }
    }

    /**
     * The installation directory: {@value AdminEnvironment#HOME_PROPERTY} as the launcher sets it;
     * without it, the directory above {@code lib/} when this class comes from a jar there; otherwise
     * the working directory.
     */
    static Path installDir() {
        String home = System.getProperty(AdminEnvironment.HOME_PROPERTY);
        if (home != null && !home.isBlank()) {
            return Path.of(home).toAbsolutePath().normalize();
        }
        return jarInLib().orElse(Path.of("").toAbsolutePath());
    }

    private static Optional<Path> jarInLib() {
        CodeSource source = MailroomAdmin.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return Optional.empty();
        }
        try {
            Path jar = Path.of(source.getLocation().toURI());
            Path lib = jar.getParent();
            if (Files.isRegularFile(jar) && lib != null && lib.getParent() != null
                    && lib.getFileName().toString().equals("lib")) {
                return Optional.of(lib.getParent().toAbsolutePath().normalize());
            }
        } catch (URISyntaxException | IllegalArgumentException e) {
            // a location that is no file: fall back to the working directory
        }
        return Optional.empty();
    }

    public AdminEnvironment env() {
        return env;
    }

    public PrintWriter out() {
        return env.out();
    }

    public Path configFile() {
        return config != null ? config : env.installDir().resolve(DEFAULT_CONFIG);
    }

    /** The configuration, read once; a bad file is a {@link org.mailroom.config.ConfigException}. */
    public Settings settings() {
        if (settings == null) {
            settings = Settings.load(configFile(), env.installDir());
        }
        return settings;
    }

    public CoreConfig core() {
        if (core == null) {
            core = CoreConfig.from(settings());
        }
        return core;
    }

    public MailStore store() {
        if (store == null) {
            store = env.storeOpener().open(core());
        }
        return store;
    }

    /** Closes the store if a command opened it (an embedded database is shut down cleanly). */
    void close() {
        if (store != null) {
            MailStore s = store;
            store = null;
            s.close();
        }
    }
}
