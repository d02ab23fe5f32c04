package org.mailroom.smtp.protocol;

import java.io.IOException;

/** Message octets following DATA or BDAT, consumed as they arrive and acted on at their end. */
public interface Transfer {

    /** @return octets consumed; fewer than {@code len} only once the transfer is complete */
    int consume(byte[] in, int off, int len) throws IOException;

    boolean isComplete();

    /** Runs once the transfer is complete: stores the message, or refuses it. */
    Result finish(SessionContext session);

    /** The connection ended or timed out mid-transfer: nothing of it may remain. */
    void abort();
}
