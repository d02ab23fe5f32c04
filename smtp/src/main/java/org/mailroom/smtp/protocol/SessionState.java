package org.mailroom.smtp.protocol;

/** Where a session stands in the SMTP dialogue (RFC 5321 §4.1.4); commands declare the states they are valid in. */
public enum SessionState {
    /** Connected, greeted by the server, but no HELO/EHLO yet (or reset by STARTTLS). */
    CONNECTED,
    /** After HELO/EHLO, outside a mail transaction. */
    READY,
    /** After a successful MAIL, no recipient accepted yet. */
    MAIL,
    /** At least one recipient accepted. */
    RCPT,
    /** Inside a BDAT transfer: chunks received, LAST not yet seen (RFC 3030 §3). */
    CHUNKING
}
