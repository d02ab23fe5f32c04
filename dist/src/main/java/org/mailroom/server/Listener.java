package org.mailroom.server;

/**
 * A protocol module's listeners as Mailroom runs them: bound by {@link #start()}, released by
 * {@link #close()}. Each protocol module's server class is adapted to this in a few lines.
 */
public interface Listener extends AutoCloseable {

    /** What the log says about it once it listens, e.g. {@code "smtp 25, submission 587"}. */
    String describe();

    /**
     * Binds the ports and starts accepting.
     *
     * @throws org.mailroom.config.ConfigException from {@link org.mailroom.config.BindErrors} when a port
     *     cannot be bound
     */
    void start();

    /** Stops accepting, finishes what is in flight and releases the ports. */
    @Override
    void close();
}
