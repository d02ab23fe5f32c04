package org.mailroom.admin;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Runs {@code mailroom-admin} in-process, through picocli's {@code execute} exactly as {@code main}
 * does, with captured output, a given standard input and a scripted terminal.
 */
final class AdminRunner {

    static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

    private final Path installDir;
    private final StoreOpener opener;
    private final PasswordHashing hashing;

    AdminRunner(Path installDir, StoreOpener opener, PasswordHashing hashing) {
        this.installDir = installDir;
        this.opener = opener;
        this.hashing = hashing;
    }

    /** Writes {@code conf/mailroom.properties} under the installation directory. */
    static void writeConfig(Path installDir, String... lines) {
        try {
            Path conf = installDir.resolve(MailroomAdmin.DEFAULT_CONFIG);
            Files.createDirectories(conf.getParent());
            Files.writeString(conf, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Result run(String... args) {
        return run("", List.of(), args);
    }

    Result withStdin(String stdin, String... args) {
        return run(stdin, List.of(), args);
    }

    /** With a terminal on which these answers are typed, in order; an empty list is no terminal. */
    Result typing(List<String> typed, String... args) {
        return run("", typed, args);
    }

    private Result run(String stdin, List<String> typed, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Deque<String> answers = new ArrayDeque<>(typed);
        boolean hasTerminal = !typed.isEmpty();
        Terminal terminal = prompt -> {
            if (!hasTerminal) {
                return Optional.empty();
            }
            String a = answers.poll();
            return Optional.of(a == null ? new char[0] : a.toCharArray());
        };
        AdminEnvironment env = new AdminEnvironment(installDir,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), new PrintWriter(out, true),
                new PrintWriter(err, true), terminal, opener, hashing, Clock.fixed(NOW, ZoneOffset.UTC));
        int code = AdminCommands.build(env).execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    record Result(int code, String out, String err) {

        List<String> outLines() {
            return out.lines().toList();
        }

        @Override
        public String toString() {
            return "exit " + code + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    static String[] args(String line) {
        return Arrays.stream(line.split(" ")).filter(s -> !s.isEmpty()).toArray(String[]::new);
    }
}
