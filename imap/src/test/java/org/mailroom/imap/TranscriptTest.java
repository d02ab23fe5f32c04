package org.mailroom.imap;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mailroom.imap.support.Transcript;

/** Every script under {@code src/test/resources/transcripts}, each against a fresh server and store. */
class TranscriptTest {

    @TempDir
    Path dir;

    static Stream<String> transcripts() throws IOException, URISyntaxException {
        Path root = Path.of(TranscriptTest.class.getResource("/transcripts").toURI());
        try (Stream<Path> files = Files.list(root)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".txt")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transcripts")
    void transcriptRunsAsWritten(String name) {
        Transcript.run(name, dir);
    }
}
