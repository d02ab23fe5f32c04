package org.mailroom.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFilesTest {

    @TempDir
    Path dir;

    @Test
    void thePidFileComesFirstTheReadyMarkerOnceReadyAndBothGoAtTheEnd() throws IOException {
        Path pid = dir.resolve("data/mailroom.pid");
        Path ready = dir.resolve("data/mailroom.ready");
        RunFiles files = RunFiles.at(pid);
        String me = ProcessHandle.current().pid() + "\n";

        files.writePid();
        assertThat(pid).hasContent(me.trim());
        assertThat(ready).doesNotExist();

        files.markReady();
        assertThat(ready).hasContent(me.trim());

        files.remove();
        assertThat(pid).doesNotExist();
        assertThat(ready).doesNotExist();
        try (var left = Files.list(dir.resolve("data"))) {
            assertThat(left).as("no temporary file left behind").isEmpty();
        }
    }

    @Test
    void aReadyMarkerLeftByAnEarlierRunIsRemovedWhenTheNewOneStarts() throws IOException {
        Path pid = dir.resolve("mailroom.pid");
        Files.writeString(dir.resolve("mailroom.ready"), "12345\n");
        RunFiles.at(pid).writePid();
        assertThat(dir.resolve("mailroom.ready")).doesNotExist();
    }

    @Test
    void withoutAPidFileNothingIsWritten() throws IOException {
        RunFiles none = RunFiles.none();
        none.writePid();
        none.markReady();
        none.remove();
        try (var left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }
}
