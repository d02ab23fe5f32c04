package org.mailroom.pop3.command;

import java.util.Arrays;
import java.util.Set;
import org.mailroom.auth.LoginResult;
import org.mailroom.pop3.protocol.Command;
import org.mailroom.pop3.protocol.Pop3Session;
import org.mailroom.pop3.protocol.Pop3State;
import org.mailroom.pop3.protocol.SyntaxException;

/**
 * {@code PASS string} (RFC 1939 §7): valid only right after USER. The whole rest of the line is the
 * password, spaces included, as §7 allows. A failure is answered only after the authenticator's delay.
 */
public final class PassCommand implements Command<PassCommand.Password> {

    /** The password, wiped after use; its toString never shows it. */
    public record Password(char[] chars) {
        @Override
        public String toString() {
            return "Password[hidden]";
        }
    }

    @Override
    public String name() {
        return "PASS";
    }

    @Override
    public Set<Pop3State> states() {
        return Set.of(Pop3State.USER_GIVEN);
    }

    @Override
    public boolean carriesCredentials() {
        return true;
    }

    @Override
    public Password parse(String arguments) throws SyntaxException {
        if (arguments.isEmpty()) {
            throw new SyntaxException("Expected a password");
        }
        return new Password(arguments.toCharArray());
    }

    @Override
    public void execute(Pop3Session session, Password password) {
        LoginResult result;
        try {
            result = session.authenticator().login(session.pendingUser(), password.chars(), session.clientAddress());
        } finally {
            Arrays.fill(password.chars(), '\0');
        }
        session.finishLogin(result);
    }
}
