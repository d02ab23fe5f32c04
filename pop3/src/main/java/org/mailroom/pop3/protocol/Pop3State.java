package org.mailroom.pop3.protocol;

/**
 * The session states of RFC 1939 §3. AUTHORIZATION is split in two because PASS is valid only right
 * after a USER that was accepted (RFC 1939 §7). UPDATE is not a state a command can run in: QUIT
 * in TRANSACTION passes through it and ends the session.
 */
public enum Pop3State {
    AUTHORIZATION,
    /** AUTHORIZATION after an accepted USER: the name waits for its PASS. */
    USER_GIVEN,
    TRANSACTION
}
