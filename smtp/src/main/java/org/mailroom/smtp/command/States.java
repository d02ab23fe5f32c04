package org.mailroom.smtp.command;

import java.util.EnumSet;
import java.util.Set;
import org.mailroom.smtp.protocol.SessionState;

/** The sets of states commands are valid in. */
final class States {

    static final Set<SessionState> ANY = Set.copyOf(EnumSet.allOf(SessionState.class));
    static final Set<SessionState> OUTSIDE_TRANSACTION = Set.of(SessionState.CONNECTED, SessionState.READY);
    static final Set<SessionState> GREETED = Set.of(SessionState.READY);
    static final Set<SessionState> HAS_SENDER = Set.of(SessionState.MAIL, SessionState.RCPT);

    private States() {
    }
}
