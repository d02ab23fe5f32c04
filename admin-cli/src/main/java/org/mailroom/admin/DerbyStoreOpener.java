package org.mailroom.admin;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.mailroom.config.CoreConfig;
import org.mailroom.store.MailStore;
import org.mailroom.store.derby.DerbyCredential;
import org.mailroom.store.derby.DerbyStore;

/**
 * Reaches the database the way DESIGN.md ("Administration while the server runs") says: through the
 * running server's Derby network server on loopback when it answers, so that changes take effect at
 * once; otherwise embedded, which Derby allows only while no server holds the database.
 *
 * <p>Layout under {@code data.dir}, shared with the server: the database in {@code db/}, the Derby
 * credential in {@code derby.credential}.
 */
public final class DerbyStoreOpener implements StoreOpener {

    /** Subdirectory of {@code data.dir} holding the Derby database. */
    public static final String DATABASE_DIR = "db";
    /** File in {@code data.dir} holding the Derby owner's credential. */
    public static final String CREDENTIAL_FILE = "derby.credential";
    /** A loopback connect either succeeds or is refused at once; this only bounds a firewalled oddity. */
    static final int PROBE_TIMEOUT_MILLIS = 1_000;

    @Override
    public MailStore open(CoreConfig core) {
        Path database = core.dataDir().resolve(DATABASE_DIR);
        Path credentialFile = core.dataDir().resolve(CREDENTIAL_FILE);
        InetAddress loopback = InetAddress.getLoopbackAddress();
        // A server of this installation wrote the credential at its first start; without the file,
        // whatever answers on the port is not it (another program, another installation).
        if (core.adminPort() > 0 && Files.exists(credentialFile) && answers(loopback, core.adminPort())) {
            return DerbyStore.connectNetwork(loopback.getHostAddress(), core.adminPort(), database,
                    DerbyCredential.load(credentialFile));
        }
        requireOwner(core.dataDir());
        // Before the first start of the server (quickstart on a fresh installation) the database and
        // its credential do not exist yet: they are created here exactly as the server would.
        return DerbyStore.openEmbedded(database, DerbyCredential.loadOrCreate(credentialFile));
    }

    /**
     * Refuses to open the database as another user than the owner of the data directory (or, before
     * it exists, of the directory it would be created in): files Derby wrote as root would keep the
     * server, running as its own user, from opening the database at its next start.
     */
    static void requireOwner(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        Path existing = dir;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        if (existing == null || isOurs(existing) || !existing.equals(dir) && !root) {
            // someone else's parent directory: creating the data directory fails by itself, clearly
            return;
        }
        String owner = owner(existing).orElse("?");
        throw new AdminFailure(existing + " belongs to the user " + owner + ": run mailroom-admin as " + owner
                + " (e.g. sudo -u " + owner + " bin/mailroom-admin ...)");
    }

    private static boolean isOurs(Path p) {
        return owner(p).map(o -> o.equals(System.getProperty("user.name"))).orElse(true);
    }

    private static Optional<String> owner(Path p) {
        try {
            return Optional.of(Files.getOwner(p).getName());
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    /** Whether something accepts connections on the port: the running server's Derby network server. */
    static boolean answers(InetAddress address, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, port), PROBE_TIMEOUT_MILLIS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
