package org.mailroom.store.derby;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The Derby store for tests of this and other modules: a fresh, empty database (no domain, no
 * account) under {@code dir}, typically a JUnit {@code @TempDir}. Close it after the test.
 *
 * <p>Creating a Derby database costs about a second; a copy of one created once per test JVM costs
 * a few milliseconds. The copy is a database cleanly shut down, so it boots without recovery.
 */
public final class TestStores {

    private TestStores() {
    }

    public static DerbyStore open(Path dir) {
        Path template = Template.DIR;
        try {
            copy(template, dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return DerbyStore.openEmbedded(dir.resolve("db"), DerbyCredential.load(dir.resolve("derby.credential")));
    }

    private static void copy(Path from, Path to) throws IOException {
        List<Path> all;
        try (Stream<Path> s = Files.walk(from)) {
            all = s.toList();
        }
        for (Path p : all) {
            Path target = to.resolve(from.relativize(p).toString());
            if (Files.isDirectory(p)) {
                Files.createDirectories(target);
            } else {
                Files.copy(p, target);
            }
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }

    /** The template database, created on first use (the holder idiom makes that thread-safe). */
    private static final class Template {
        static final Path DIR = create();

        private static Path create() {
            try {
                Path dir = Files.createTempDirectory("mailroom-store-template");
                DerbyStore.openEmbedded(dir.resolve("db"), DerbyCredential.loadOrCreate(dir.resolve("derby.credential")))
                        .close();
                Files.deleteIfExists(dir.resolve("derby.log"));
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
                return dir;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
