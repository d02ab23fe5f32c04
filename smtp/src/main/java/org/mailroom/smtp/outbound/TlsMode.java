package org.mailroom.smtp.outbound;

/** How a connection to a remote server uses TLS. */
public enum TlsMode {
    /** STARTTLS when the server offers it, plain text otherwise (RFC 3207, RFC 7435 opportunistic security). */
    OPPORTUNISTIC,
    /** STARTTLS must succeed, or the server is skipped and the recipients deferred. */
    REQUIRED,
    /** TLS from the first byte (RFC 8314), for a smarthost on port 465. */
    IMPLICIT,
    /** Never TLS: only for a smarthost on a trusted network. */
    NONE
}
