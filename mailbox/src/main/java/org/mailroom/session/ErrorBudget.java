package org.mailroom.session;

import java.time.Duration;

/**
 * A session's allowance of errors (STYLE.md §13): past the soft limit every further error costs a
 * growing delay before the reply; at the hard limit the session must close (SMTP 421, IMAP BYE,
 * POP3 -ERR). One per session; not thread-safe, like the session itself.
 */
public final class ErrorBudget {

    private static final Duration MAX_DELAY = Duration.ofSeconds(10);

    private final int softLimit;
    private final int hardLimit;
    private int errors;

    public ErrorBudget(int softLimit, int hardLimit) {
        if (softLimit < 0 || hardLimit < 1 || softLimit > hardLimit) {
            throw new IllegalArgumentException("need 0 <= soft <= hard, 1 <= hard");
        }
        this.softLimit = softLimit;
        this.hardLimit = hardLimit;
    }

    /** Counts one error and says what the session must do before its reply. */
    public Verdict charge() {
        errors++;
        if (errors >= hardLimit) {
            return new Verdict(true, Duration.ZERO);
        }
        if (errors <= softLimit) {
            return new Verdict(false, Duration.ZERO);
        }
        long ms = 250L << Math.min(10, errors - softLimit - 1);
        return new Verdict(false, Duration.ofMillis(Math.min(ms, MAX_DELAY.toMillis())));
    }

    public int errors() {
        return errors;
    }

    /** @param close the session has used up its budget and must close after this reply */
    public record Verdict(boolean close, Duration delay) {
    }
}
