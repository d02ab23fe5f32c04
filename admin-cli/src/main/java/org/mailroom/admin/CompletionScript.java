package org.mailroom.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * Writes the bash completion script of {@code mailroom-admin}, at build time (admin-cli's pom runs it
 * in the package phase), from the very command tree the program runs.
 */
public final class CompletionScript {

    private CompletionScript() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: CompletionScript OUTPUT-FILE");
        }
        Path target = Path.of(args[0]);
        Files.createDirectories(target.toAbsolutePath().getParent());
        Files.writeString(target, script(), StandardCharsets.UTF_8);
    }

    static String script() {
        return AutoComplete.bash("mailroom-admin", tree());
    }

    /** The command tree with an environment that is never used: the tree is described, not run. */
    static CommandLine tree() {
        PrintWriter nowhere = new PrintWriter(new StringWriter());
        AdminEnvironment env = new AdminEnvironment(Path.of(""), InputStream.nullInputStream(), nowhere, nowhere,
                prompt -> Optional.empty(), core -> {
                    throw new IllegalStateException("not run");
                }, password -> {
                    throw new IllegalStateException("not run");
                }, Clock.systemUTC());
        return AdminCommands.build(env);
    }
}
