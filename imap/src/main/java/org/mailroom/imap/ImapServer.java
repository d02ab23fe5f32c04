package org.mailroom.imap;

import org.mailroom.imap.transport.ImapListeners;

/**
 * The IMAP server: a listener on {@code imap.port} (STARTTLS) and one on {@code imaps.port}
 * (implicit TLS), either disabled by port 0. Built by {@code dist} with
 * {@code new ImapServer(config, services)}, then {@link #start()}; {@link #close()} stops accepting,
 * lets running commands finish, and says BYE to every open session.
 */
public final class ImapServer implements AutoCloseable {

    private final ImapListeners listeners;

    public ImapServer(ImapConfig config, ImapServices services) {
        this.listeners = new ImapListeners(config, services);
    }

    /** Binds the listeners. @throws java.io.UncheckedIOException when a port cannot be bound */
    public ImapServer start() {
        listeners.start();
        return this;
    }

    /** The bound port of the STARTTLS listener, 0 when disabled. */
    public int port() {
        return listeners.port();
    }

    /** The bound port of the implicit-TLS listener, 0 when disabled. */
    public int tlsPort() {
        return listeners.tlsPort();
    }

    @Override
    public void close() {
        listeners.close();
    }
}
