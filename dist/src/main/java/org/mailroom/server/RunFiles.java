package org.mailroom.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The pid file and the ready marker {@code bin/mailroom} watches: the pid file exists while the process
 * runs (from the end of the configuration check to the end of the shutdown), the ready marker once
 * every listener accepts connections. Both hold the process id and are written whole (a temporary file
 * moved into place), so a reader never sees half of one.
 */
public final class RunFiles {

    private final Optional<Path> pidFile;
    private final Optional<Path> readyFile;
    private final long pid = ProcessHandle.current().pid();

    private RunFiles(Optional<Path> pidFile) {
        this.pidFile = pidFile;
        this.readyFile = pidFile.map(RunFiles::readyFileFor);
    }

    /** No files: a server started by other means than the launcher. */
    public static RunFiles none() {
        return new RunFiles(Optional.empty());
    }

    public static RunFiles at(Path pidFile) {
        return new RunFiles(Optional.of(pidFile.toAbsolutePath()));
    }

    /** {@code mailroom.pid} is marked ready by {@code mailroom.ready} next to it. */
    static Path readyFileFor(Path pidFile) {
        String name = pidFile.getFileName().toString();
        String base = name.endsWith(".pid") ? name.substring(0, name.length() - 4) : name;
        return pidFile.resolveSibling(base + ".ready");
    }

    public void writePid() throws IOException {
        if (readyFile.isPresent()) {
            Files.deleteIfExists(readyFile.get());
        }
        if (pidFile.isPresent()) {
            write(pidFile.get());
        }
    }

    public void markReady() throws IOException {
        if (readyFile.isPresent()) {
            write(readyFile.get());
        }
    }

    /** Removes both files; the ready marker first, so that nobody sees "ready" without a pid file. */
    public void remove() {
        try {
            if (readyFile.isPresent()) {
                Files.deleteIfExists(readyFile.get());
            }
            if (pidFile.isPresent()) {
                Files.deleteIfExists(pidFile.get());
            }
        } catch (IOException e) {
            // a stale file is recognised by bin/mailroom: its process is gone
        }
    }

    private void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, pid + "\n", StandardCharsets.US_ASCII);
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
