package org.mailroom.store.derby;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;
import java.util.Set;
import org.mailroom.config.ConfigException;

/**
 * The Derby user and password the server and {@code mailroom-admin} both use: the database owner under
 * Derby's NATIVE authentication. Generated at first start into a file readable only by its owner
 * (DESIGN.md, "Administration while the server runs").
 */
public record DerbyCredential(String user, String password) {

    /** The database owner's name; fixed, so that the schema and the credential file stay simple. */
    public static final String DEFAULT_USER = "mailroom";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    public DerbyCredential {
        if (user == null || !user.matches("[A-Za-z][A-Za-z0-9_]{0,63}")) {
            throw new IllegalArgumentException("a Derby user name must be a plain identifier");
        }
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("a Derby password cannot be empty");
        }
    }

    /** A fresh credential with 192 random bits of password. */
    public static DerbyCredential generate() {
        byte[] b = new byte[24];
        new SecureRandom().nextBytes(b);
        return new DerbyCredential(DEFAULT_USER, Base64.getUrlEncoder().withoutPadding().encodeToString(b));
    }

    /**
     * Reads the credential file, or writes a new random credential there (mode 0600 where the file
     * system has POSIX permissions) if there is none yet.
     */
    public static DerbyCredential loadOrCreate(Path file) {
        if (Files.exists(file)) {
            return load(file);
        }
        DerbyCredential fresh = generate();
        try {
            fresh.write(file);
        } catch (FileAlreadyExistsException e) {
            return load(file);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot write the Derby credential file: " + e.getMessage(), e);
        }
        return load(file);
    }

    /** Reads an existing credential file; a missing or unreadable one is a {@link ConfigException}. */
    public static DerbyCredential load(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": Derby credential file not found (it is written at the first start of the server)");
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException(file + ": cannot read the Derby credential file: " + e.getMessage(), e);
        }
        try {
            return new DerbyCredential(p.getProperty("user"), p.getProperty("password"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file + ": bad Derby credential file: " + e.getMessage(), e);
        }
    }

    private void write(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        boolean posix = Files.getFileStore(dir).supportsFileAttributeView("posix");
        Path tmp = dir.resolve(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        if (posix) {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } else {
            Files.createFile(tmp);
        }
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            w.write("# Derby database owner for Mailroom: used by the server and mailroom-admin. Keep it secret.\n");
            w.write("user=" + user + "\n");
            w.write("password=" + password + "\n");
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file);
        }
    }

    /** Never shows the password, so that a credential logged by mistake stays secret. */
    @Override
    public String toString() {
        return "DerbyCredential[user=" + user + ", password=***]";
    }
}
