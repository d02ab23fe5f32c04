package org.mailroom;

import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.mailroom.config.ConfigException;
import org.mailroom.server.MailroomServer;
import org.mailroom.server.RunFiles;
import org.mailroom.server.ServerConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Mailroom server process: {@code Mailroom [--config FILE] [--pid-file FILE]}, normally started by
 * {@code bin/mailroom}. Reads and checks the configuration, starts the server, and stops it gracefully
 * on SIGTERM or Ctrl-C (a JVM shutdown hook).
 *
 * <p>A configuration that cannot be used is one line on stderr naming the key, and exit status
 * {@value #EXIT_NOT_CONFIGURED} (LSB's "program is not configured"); any other failure to start
 * exits with {@value #EXIT_FAILED}.
 */
public final class Mailroom {

    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;
    static final int EXIT_NOT_CONFIGURED = 6;
    /** Set by bin/mailroom: the directory relative paths of the configuration resolve against. */
    static final String HOME_PROPERTY = "mailroom.home";
    static final String USAGE = "usage: Mailroom [--config FILE] [--pid-file FILE]";

    private Mailroom() {
    }

    public static void main(String[] args) {
        int status = run(args, System.err);
        if (status != 0) {
            LogManager.shutdown();
            System.exit(status);
        }
    }

    /** Runs the server until it is stopped; returns the exit status of a failed start. */
    static int run(String[] args, PrintStream err) {
        Path home = installDir();
        Optional<Path> config = Optional.empty();
        Optional<Path> pidFile = Optional.empty();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if ((a.equals("--config") || a.equals("--pid-file")) && i + 1 < args.length) {
                Path p = Path.of(args[++i]).toAbsolutePath();
                if (a.equals("--config")) {
                    config = Optional.of(p);
                } else {
                    pidFile = Optional.of(p);
                }
            } else if (a.equals("--help") || a.equals("-h")) {
                err.println(USAGE);
                return 0;
            } else {
                err.println("mailroom: unknown argument '" + a + "'; " + USAGE);
                return EXIT_USAGE;
            }
        }
        Path configFile = config.orElse(home.resolve("conf").resolve("mailroom.properties"));
        Logger log = LoggerFactory.getLogger(Mailroom.class);
        ServerConfiguration configuration;
        try {
            configuration = ServerConfiguration.load(configFile, home);
        } catch (ConfigException e) {
            // The one line is the whole story; a stack trace on the console would only bury it.
            err.println("mailroom: " + e.getMessage());
            return EXIT_NOT_CONFIGURED;
        }
        log.info("Mailroom starting: configuration {}, installation {}", configFile, home);
        MailroomServer server = new MailroomServer(pidFile.map(RunFiles::at).orElse(RunFiles.none()));
        // Registered before the start, so that SIGTERM while starting still closes the store cleanly.
        Thread hook = new Thread(() -> stop(server, log), "mailroom-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            server.start(configuration);
        } catch (RuntimeException e) {
            if (server.stopRequested()) {
                // SIGTERM while starting: the shutdown hook has undone the start and ends the process.
                log.info("Mailroom stopped while starting");
                return 0;
            }
            removeHook(hook);
            if (e instanceof ConfigException) {
                log.error("not started: {}", e.getMessage());
            } else {
                log.error("not started: {}", e.getMessage(), e);
            }
            err.println("mailroom: " + e.getMessage());
            return e instanceof ConfigException ? EXIT_NOT_CONFIGURED : EXIT_FAILED;
        }
        try {
            server.awaitClosed();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook is running and will finish the stop
        }
    }

    private static void stop(MailroomServer server, Logger log) {
        log.info("Mailroom stopping");
        server.close();
        log.info("Mailroom stopped");
        // conf/log4j2.xml turns Log4j's own shutdown hook off, so that these last lines are written.
        LogManager.shutdown();
    }

    /**
     * The installation directory: {@code -Dmailroom.home} as bin/mailroom sets it, else the parent of
     * the {@code lib/} directory holding this class's jar, else the working directory.
     */
    static Path installDir() {
        String configured = System.getProperty(HOME_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        try {
            Path code = Path.of(Mailroom.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path lib = code.getParent();
            if (Files.isRegularFile(code) && lib != null && lib.getFileName().toString().equals("lib")
                    && lib.getParent() != null) {
                return lib.getParent();
            }
        } catch (URISyntaxException | RuntimeException e) {
            // falls through to the working directory
        }
        return Path.of("").toAbsolutePath();
    }
}
