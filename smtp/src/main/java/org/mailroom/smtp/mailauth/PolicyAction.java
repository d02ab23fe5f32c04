package org.mailroom.smtp.mailauth;

/**
 * What the SMTP session does with a message after authentication: deliver it, file it to the
 * recipients' Junk mailbox, refuse it with {@code 550 5.7.1} at the end of DATA, or defer it with
 * {@code 451 4.7.x} (a DNS failure, where configured).
 */
public enum PolicyAction {
    ACCEPT, JUNK, REJECT, DEFER
}
