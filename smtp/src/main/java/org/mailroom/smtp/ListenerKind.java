package org.mailroom.smtp;

/**
 * The three SMTP services. They share one protocol engine and differ only in policy: whether the
 * connection starts in TLS and whether it is a submission service (RFC 6409), where a client must
 * authenticate before it may send anything.
 */
public enum ListenerKind {
    /** The MX, port 25: mail for local domains from anyone, relaying only with rights. */
    MX("smtp.port", 25, false, false),
    /** Message submission, port 587 (RFC 6409): STARTTLS, then AUTH, then MAIL. */
    SUBMISSION("submission.port", 587, false, true),
    /** Submission over implicit TLS, port 465 (RFC 8314 §3.3). */
    SUBMISSIONS("smtps.port", 465, true, true);

    private final String portKey;
    private final int defaultPort;
    private final boolean implicitTls;
    private final boolean submission;

    ListenerKind(String portKey, int defaultPort, boolean implicitTls, boolean submission) {
        this.portKey = portKey;
        this.defaultPort = defaultPort;
        this.implicitTls = implicitTls;
        this.submission = submission;
    }

    public String portKey() {
        return portKey;
    }

    public int defaultPort() {
        return defaultPort;
    }

    public boolean implicitTls() {
        return implicitTls;
    }

    public boolean submission() {
        return submission;
    }
}
