package org.mailroom.spool;

import java.io.IOException;

/**
 * The content written to a {@link SpoolWriter} was larger than its limit. SMTP answers 552 (RFC 5321
 * §4.5.3.1.10) once it has consumed the whole DATA, IMAP APPEND answers NO [TOOBIG].
 */
public final class SpoolLimitExceededException extends IOException {

    private final long limit;
    private final long received;

    public SpoolLimitExceededException(long limit, long received) {
        super("content of " + received + " octets exceeds the limit of " + limit);
        this.limit = limit;
        this.received = received;
    }

    public long limit() {
        return limit;
    }

    /** Every octet offered to the writer, the discarded ones included. */
    public long received() {
        return received;
    }
}
