package org.mailroom.imap.session;

import java.util.EnumSet;
import java.util.Set;

/** The connection states of RFC 9051 §3. */
public enum SessionState {
    NOT_AUTHENTICATED,
    AUTHENTICATED,
    SELECTED,
    LOGOUT;

    public static final Set<SessionState> ANY = EnumSet.of(NOT_AUTHENTICATED, AUTHENTICATED, SELECTED);
    public static final Set<SessionState> BEFORE_LOGIN = EnumSet.of(NOT_AUTHENTICATED);
    public static final Set<SessionState> LOGGED_IN = EnumSet.of(AUTHENTICATED, SELECTED);
    public static final Set<SessionState> WITH_MAILBOX = EnumSet.of(SELECTED);
}
