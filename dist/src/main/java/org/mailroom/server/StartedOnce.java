package org.mailroom.server;

import java.util.function.Supplier;

/**
 * Adapts a module's server class ({@code start()}, {@code close()}) to a {@link Listener}. It is closed
 * only if its start was tried: a server that bound some of its ports before failing releases them.
 */
final class StartedOnce implements Listener {

    private final String name;
    private final Runnable start;
    private final Runnable close;
    private final Supplier<String> description;
    private boolean started;

    StartedOnce(String name, Runnable start, Runnable close, Supplier<String> description) {
        this.name = name;
        this.start = start;
        this.close = close;
        this.description = description;
    }

    @Override
    public String describe() {
        return description.get();
    }

    @Override
    public synchronized void start() {
        started = true;
        start.run();
    }

    @Override
    public synchronized void close() {
        if (started) {
            close.run();
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
