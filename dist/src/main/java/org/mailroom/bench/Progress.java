package org.mailroom.bench;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The progress display: once a second on a terminal (one line rewritten in place), every five seconds
 * otherwise (one line each, for logs).
 */
final class Progress implements AutoCloseable {

    final AtomicLong done = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    private final String label;
    private final long total;
    private final String unit;
    private final PrintStream out;
    private final boolean terminal = System.console() != null;
    private final long started = System.nanoTime();
    private final Thread ticker;
    private volatile String lastError = "";
    private volatile long initial;

    Progress(PrintStream out, String label, long total, String unit) {
        this.out = out;
        this.label = label;
        this.total = total;
        this.unit = unit;
        ticker = new Thread(this::tick, "bench-progress");
        ticker.setDaemon(true);
        ticker.start();
    }

    /** Work already done before this run (a mailbox partly filled before): shown, but not in the rate. */
    void startAt(long alreadyDone) {
        initial = alreadyDone;
        done.set(alreadyDone);
    }

    void error(Throwable e) {
        errors.incrementAndGet();
        lastError = String.valueOf(e.getMessage());
    }

    String lastError() {
        return lastError;
    }

    double seconds() {
        return (System.nanoTime() - started) / 1e9;
    }

    private void tick() {
        long period = terminal ? 1000 : 5000;
        try {
            while (true) {
                Thread.sleep(period);
                show(terminal ? "\r" : "", terminal ? "" : "\n");
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    private void show(String before, String after) {
        double s = seconds();
        long d = done.get();
        String of = total > 0 ? "/" + total : "";
        out.print(String.format("%s  [%s] %d%s %s, %d errors, %.0f %s/s, %.0fs   %s", before, label, d, of, unit,
                errors.get(), s > 0 ? (d - initial) / s : 0, unit, s, after));
        out.flush();
    }

    @Override
    public void close() {
        ticker.interrupt();
        show(terminal ? "\r" : "", "\n");
    }
}
