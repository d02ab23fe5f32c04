package org.mailroom.imap.command;

import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.mailroom.auth.LoginResult;
import org.mailroom.auth.SaslExchange;
import org.mailroom.imap.protocol.CommandReader;
import org.mailroom.imap.protocol.Syntax;
import org.mailroom.imap.session.Completion;
import org.mailroom.imap.session.Dialect;
import org.mailroom.imap.session.ImapSession;
import org.mailroom.imap.session.SessionState;

/**
 * AUTHENTICATE (RFC 9051 §6.2.2, SASL-IR RFC 4959):
 * {@code authenticate = "AUTHENTICATE" SP auth-type [SP initial-resp]}, {@code initial-resp = base64 / "="}.
 * Challenges go out as continuation requests; "*" from the client cancels with BAD. Data the
 * mechanism has with its success (SCRAM's server-final) goes out as one last challenge, answered empty.
 */
final class AuthenticateCommand implements ImapCommand<AuthenticateCommand.Request> {

    record Request(String mechanism, Optional<byte[]> initialResponse) {
    }

    @Override
    public String name() {
        return "AUTHENTICATE";
    }

    @Override
    public Set<SessionState> states() {
        return SessionState.BEFORE_LOGIN;
    }

    @Override
    public Request parse(CommandReader args, Dialect dialect) {
        String mech = args.atom().toUpperCase(Locale.ROOT);
        Optional<byte[]> initial = Optional.empty();
        if (args.trySp()) {
            String ir = args.charsWhile(c -> Syntax.isAtomChar(c) || c == '=');
            initial = Optional.of(ir.equals("=") ? new byte[0] : base64(ir));
        }
        return new Request(mech, initial);
    }

    private static byte[] base64(String s) {
        try {
            return Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            throw new org.mailroom.imap.protocol.SyntaxError("invalid base64");
        }
    }

    @Override
    public Completion execute(Request request, ImapSession session) {
        if (!session.mayAuthenticate()) {
            return Completion.no(LoginReplies.PRIVACY_REQUIRED);
        }
        Optional<SaslExchange> exchange = session.services().authenticator()
                .start(request.mechanism(), session.transport().client());
        if (exchange.isEmpty()) {
            return Completion.no("[CANNOT] Unsupported authentication mechanism");
        }
        return new Dialogue(exchange.get(), session).step(request.initialResponse().orElse(new byte[0]));
    }

    /** One exchange in progress: each client line is the next response. */
    private static final class Dialogue {
        private final SaslExchange exchange;
        private final ImapSession session;
        private LoginResult pendingSuccess;

        Dialogue(SaslExchange exchange, ImapSession session) {
            this.exchange = exchange;
            this.session = session;
        }

        Completion step(byte[] response) {
            SaslExchange.Step step = exchange.step(response);
            if (step instanceof SaslExchange.Challenge c) {
                return challenge(c.data());
            }
            if (step instanceof SaslExchange.Done d) {
                if (d.result() instanceof LoginResult.Success && d.serverFinal() != null
                        && d.serverFinal().length > 0) {
                    pendingSuccess = d.result();
                    return challenge(d.serverFinal());
                }
                return LoginReplies.of(d.result(), session, "AUTHENTICATE");
            }
            return Completion.bad("Malformed authentication data");
        }

        private Completion challenge(byte[] data) {
            session.out().continuation(Base64.getEncoder().encodeToString(data));
            return session.continueWith(this::line);
        }

        private Completion line(String line) {
            if (line.equals("*")) {
                return Completion.bad("AUTHENTICATE cancelled");
            }
            byte[] response;
            try {
                response = Base64.getDecoder().decode(line.trim());
            } catch (IllegalArgumentException e) {
                return Completion.bad("Invalid base64 in authentication response");
            }
            if (pendingSuccess != null) {
                return LoginReplies.of(pendingSuccess, session, "AUTHENTICATE");
            }
            return step(response);
        }
    }
}
