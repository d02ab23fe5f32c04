package org.mailroom.store.derby;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.apache.derby.drda.NetworkServerControl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Derby's network server on the loopback interface, through which {@code mailroom-admin} reaches the
 * database while the server holds it open (DESIGN.md, "Administration while the server runs").
 * Connections authenticate against the database's own NATIVE credentials.
 */
public final class DerbyNetworkServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DerbyNetworkServer.class);
    private static final long START_TIMEOUT_MILLIS = 30_000;
    private static final long PING_INTERVAL_MILLIS = 50;

    private final NetworkServerControl control;
    private final InetAddress address;
    private final int port;
    private boolean closed;

    private DerbyNetworkServer(NetworkServerControl control, InetAddress address, int port) {
        this.control = control;
        this.address = address;
        this.port = port;
    }

    /**
     * Starts the network server and returns once it answers.
     *
     * @throws IllegalArgumentException if {@code loopbackAddress} is not a loopback address
     * @throws IllegalStateException if the port is taken or the server does not come up
     */
    public static DerbyNetworkServer start(InetAddress loopbackAddress, int port, DerbyCredential credential) {
        if (!loopbackAddress.isLoopbackAddress()) {
            throw new IllegalArgumentException("the Derby network server listens on loopback only, not "
                    + loopbackAddress.getHostAddress());
        }
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("admin.port must be 1 to 65535 to start the Derby network server");
        }
        requireFree(loopbackAddress, port);
        NetworkServerControl control;
        try {
            control = new NetworkServerControl(loopbackAddress, port, credential.user(), credential.password());
            control.start(null);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the Derby network server on "
                    + loopbackAddress.getHostAddress() + ":" + port + ": " + e.getMessage(), e);
        }
        DerbyNetworkServer server = new DerbyNetworkServer(control, loopbackAddress, port);
        server.awaitStarted();
        LOG.info("Derby network server listening on {}:{}", loopbackAddress.getHostAddress(), port);
        return server;
    }

    /**
     * Makes every connection in this JVM's Derby engine present the credential, including one that
     * would create a new database through the network server: without it, any local user could
     * create a database of their own there and run Java procedures inside the server's process.
     * The Mailroom database keeps its own NATIVE authentication (a database property, which takes
     * precedence); this system-wide check, with the same credential, covers every other database name
     * and the engine's own operations.
     *
     * <p>Derby reads these properties when its engine boots, so call this before the first Derby
     * connection of the JVM, that is before {@link DerbyStore#openEmbedded}.
     */
    public static void requireSystemAuthentication(DerbyCredential credential) {
        System.setProperty("derby.connection.requireAuthentication", "true");
        System.setProperty("derby.authentication.provider", "BUILTIN");
        System.setProperty("derby.user." + credential.user(), credential.password());
    }

    private static void requireFree(InetAddress address, int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(address, port));
        } catch (IOException e) {
            throw new IllegalStateException("admin.port " + port + " on " + address.getHostAddress()
                    + " is in use by another program: choose a free port for admin.port");
        }
    }

    /** Waits for the server to answer a ping; NetworkServerControl.start returns before it listens. */
    private void awaitStarted() {
        long deadline = System.nanoTime() + START_TIMEOUT_MILLIS * 1_000_000;
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                control.ping();
                return;
            } catch (Exception e) {
                last = e;
            }
            try {
                Thread.sleep(PING_INTERVAL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        close();
        throw new IllegalStateException("the Derby network server did not start on " + address.getHostAddress()
                + ":" + port, last);
    }

    public InetAddress address() {
        return address;
    }

    public int port() {
        return port;
    }

    /** Stops listening; the embedded database itself stays open (the store closes it). */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            control.shutdown();
        } catch (Exception e) {
            LOG.warn("stopping the Derby network server failed", e);
        }
    }
}
