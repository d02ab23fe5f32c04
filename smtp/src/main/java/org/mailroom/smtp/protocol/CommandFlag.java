package org.mailroom.smtp.protocol;

/** Properties a command declares as data, checked by the dispatcher (STYLE.md §5). */
public enum CommandFlag {
    /**
     * Part of a mail transaction (MAIL, RCPT, DATA, BDAT): on a submission service it needs TLS and a
     * login first (RFC 6409 §4.3, RFC 8314).
     */
    TRANSACTION,
    /** Sends a credential (AUTH): needs TLS unless {@code auth.allow-plaintext} (RFC 4954 §4, §6). */
    CREDENTIALS,
    /**
     * Answered from the session's own state, never waiting for the store, DNS or a password hash: the
     * listener may run it on the I/O thread that read it rather than hand it to a worker (STYLE.md §9).
     */
    QUICK
}
