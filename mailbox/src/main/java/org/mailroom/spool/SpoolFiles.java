package org.mailroom.spool;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Temporary files that only the server's own user can read: they hold other people's mail. */
final class SpoolFiles {

    private SpoolFiles() {
    }

    static Path createPrivateFile(Path directory) throws IOException {
        Files.createDirectories(directory);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return Files.createTempFile(directory, "spool-", ".msg",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Path file = Files.createTempFile(directory, "spool-", ".msg");
        java.io.File f = file.toFile();
        boolean restricted = f.setReadable(false, false) && f.setReadable(true, true)
                && f.setWritable(false, false) && f.setWritable(true, true);
        if (!restricted) {
            Files.deleteIfExists(file);
            throw new IOException("cannot restrict the permissions of " + file);
        }
        return file;
    }
}
