package org.mailroom.imap.command;

import org.mailroom.auth.LoginResult;
import org.mailroom.imap.session.Completion;
import org.mailroom.imap.session.ImapSession;

/**
 * The replies to a login attempt, shared by LOGIN and AUTHENTICATE. Unknown user and wrong password
 * get the same words and the same delay (RFC 9051 §6.2.3, RFC 5530 AUTHENTICATIONFAILED).
 */
final class LoginReplies {

    static final String PRIVACY_REQUIRED = "[PRIVACYREQUIRED] Authentication is only allowed after STARTTLS";

    private LoginReplies() {
    }

    static Completion of(LoginResult result, ImapSession session, String command) {
        if (result instanceof LoginResult.Success s) {
            session.loggedIn(s.user());
            return Completion.ok("[CAPABILITY " + session.capabilities() + "] " + command + " completed");
        }
        if (result instanceof LoginResult.Failure f) {
            return Completion.no("[AUTHENTICATIONFAILED] Authentication failed").after(f.replyDelay());
        }
        return Completion.no("[UNAVAILABLE] Too many failed logins; try again later");
    }
}
