package org.mailroom.imap.session;

/**
 * Which resynchronisation extensions this connection has turned on (RFC 7162 §3.1, §3.2.3). Once on,
 * they stay on until logout (or UNAUTHENTICATE): CONDSTORE adds UID and MODSEQ to the FETCH responses
 * that STORE, an implicit \Seen and other sessions' changes cause (RFC 7162 §3.1); QRESYNC, which
 * implies CONDSTORE, reports expunges as VANISHED instead of EXPUNGE (RFC 7162 §3.2.10). Read and
 * written on the session's thread only.
 */
public final class SyncState {

    private boolean condstore;
    private boolean qresync;

    public boolean condstore() {
        return condstore;
    }

    public boolean qresync() {
        return qresync;
    }

    /** A CONDSTORE enabling command ran (RFC 7162 §3.1: ENABLE, SELECT (CONDSTORE), MODSEQ, CHANGEDSINCE ...). */
    public void enableCondstore() {
        condstore = true;
    }

    /** ENABLE QRESYNC (RFC 7162 §3.2.3), which also enables CONDSTORE. */
    public void enableQresync() {
        qresync = true;
        condstore = true;
    }

    /** UNAUTHENTICATE turns off what ENABLE turned on (RFC 8437 §4.1). */
    public void reset() {
        qresync = false;
        condstore = false;
    }
}
