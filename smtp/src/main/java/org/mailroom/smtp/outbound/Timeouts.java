package org.mailroom.smtp.outbound;

import java.time.Duration;

/**
 * How long the client waits for each step (RFC 5321 §4.5.3.2).
 *
 * @param connect the TCP connection (RFC 5321 names none; a dead address must not hold a worker long)
 * @param greeting the 220 banner (§4.5.3.2.1: 5 minutes)
 * @param command a reply to EHLO, STARTTLS, AUTH, MAIL, RCPT, RSET or QUIT (§4.5.3.2.2 and .3: 5 minutes)
 * @param dataInitiation the 354 after DATA (§4.5.3.2.4: 2 minutes)
 * @param dataBlock one write of the content (§4.5.3.2.5: 3 minutes)
 * @param dataTermination the reply after the final dot (§4.5.3.2.6: 10 minutes)
 */
public record Timeouts(Duration connect, Duration greeting, Duration command, Duration dataInitiation,
                       Duration dataBlock, Duration dataTermination) {

    public static final Timeouts RFC_5321 = new Timeouts(Duration.ofSeconds(30), Duration.ofMinutes(5),
            Duration.ofMinutes(5), Duration.ofMinutes(2), Duration.ofMinutes(3), Duration.ofMinutes(10));

    /** Every step bounded by the same duration: for tests of a server that stops answering. */
    public static Timeouts all(Duration d) {
        return new Timeouts(d, d, d, d, d, d);
    }
}
