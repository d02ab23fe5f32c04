package org.mailroom.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bash completion script the build writes for dist to ship. */
class CompletionScriptTest {

    @Test
    void theScriptCompletesEveryCommandAndOption(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("completion/mailroom-admin");
        CompletionScript.main(new String[] {file.toString()});
        String script = Files.readString(file);
        assertThat(script).startsWith("#!/usr/bin/env bash")
                .contains("complete -F _complete_mailroom-admin")
                .contains("domain", "user", "alias", "relay", "quota", "queue", "quickstart")
                .contains("passwd", "--password-stdin", "--storage", "--messages", "--config");
    }
}
