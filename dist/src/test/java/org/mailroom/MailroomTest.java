package org.mailroom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The main class's failures before anything starts: one line on stderr and the exit status. */
class MailroomTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Mailroom.run(args, new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void anUnknownArgumentIsAUsageError() {
        assertThat(run("--conf", "x")).isEqualTo(Mailroom.EXIT_USAGE);
        assertThat(stderr()).isEqualTo("mailroom: unknown argument '--conf'; " + Mailroom.USAGE + "\n");
    }

    @Test
    void aMissingConfigurationFileIsNotConfigured() {
        Path missing = dir.resolve("nowhere.properties");
        assertThat(run("--config", missing.toString())).isEqualTo(Mailroom.EXIT_NOT_CONFIGURED);
        assertThat(stderr()).isEqualTo("mailroom: " + missing + ": configuration file not found\n");
    }
}
