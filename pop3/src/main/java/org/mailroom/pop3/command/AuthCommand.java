package org.mailroom.pop3.command;

import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.mailroom.auth.LoginResult;
import org.mailroom.auth.SaslExchange;
import org.mailroom.pop3.protocol.Arguments;
import org.mailroom.pop3.protocol.Command;
import org.mailroom.pop3.protocol.Continuation;
import org.mailroom.pop3.protocol.Pop3Session;
import org.mailroom.pop3.protocol.Pop3State;
import org.mailroom.pop3.protocol.Reply;
import org.mailroom.pop3.protocol.SyntaxException;

/**
 * {@code AUTH mechanism [initial-response]} (RFC 5034 §4): a SASL exchange of base64 lines; {@code =}
 * is an empty initial response, {@code *} cancels. Data the mechanism sends with success (SCRAM's
 * server-final message) goes as one more challenge answered by an empty line, since the POP3 profile
 * has no room for it in {@code +OK}. Without a mechanism, the mechanisms are listed, as clients of the
 * older RFC 1734 expect.
 */
public final class AuthCommand implements Command<AuthCommand.Request> {

    /** @param initialResponse decoded; empty when none was sent */
    public record Request(Optional<String> mechanism, Optional<byte[]> initialResponse) {
        @Override
        public String toString() {
            return "AUTH " + mechanism.orElse("");
        }
    }

    private static final Reply CANCELLED = Reply.err("Authentication cancelled");
    private static final Reply BAD_BASE64 = Reply.err("Invalid base64 data");
    private static final Reply MALFORMED = Reply.err("Malformed authentication response");

    @Override
    public String name() {
        return "AUTH";
    }

    @Override
    public Set<Pop3State> states() {
        return Set.of(Pop3State.AUTHORIZATION, Pop3State.USER_GIVEN);
    }

    @Override
    public boolean carriesCredentials() {
        return true;
    }

    @Override
    public Request parse(String arguments) throws SyntaxException {
        List<String> w = Arguments.words(arguments);
        if (w.isEmpty()) {
            return new Request(Optional.empty(), Optional.empty());
        }
        if (w.size() > 2) {
            throw new SyntaxException("Expected a mechanism and at most one initial response");
        }
        String mechanism = w.get(0).toUpperCase(Locale.ROOT);
        if (w.size() == 1) {
            return new Request(Optional.of(mechanism), Optional.empty());
        }
        String ir = w.get(1);
        if (ir.equals("=")) {
            return new Request(Optional.of(mechanism), Optional.of(new byte[0]));
        }
        try {
            return new Request(Optional.of(mechanism), Optional.of(Base64.getDecoder().decode(ir)));
        } catch (IllegalArgumentException e) {
            throw new SyntaxException("Invalid base64 data");
        }
    }

    @Override
    public void execute(Pop3Session session, Request request) {
        if (request.mechanism().isEmpty()) {
            session.replyLines(Reply.ok("Mechanisms follow"), session.authenticator().mechanisms());
            return;
        }
        Optional<SaslExchange> exchange = session.authenticator().start(request.mechanism().get(),
                session.clientAddress());
        if (exchange.isEmpty()) {
            session.fail(Reply.err("Unsupported authentication mechanism"));
            return;
        }
        step(session, exchange.get(), request.initialResponse().orElse(new byte[0]));
    }

    private static void step(Pop3Session session, SaslExchange exchange, byte[] response) {
        SaslExchange.Step step = exchange.step(response);
        if (step instanceof SaslExchange.Challenge c) {
            challenge(session, c.data(), (s, line) -> {
                Optional<byte[]> next = decode(s, line);
                next.ifPresent(bytes -> step(s, exchange, bytes));
            });
        } else if (step instanceof SaslExchange.Done d) {
            if (d.result() instanceof LoginResult.Success && d.serverFinal() != null && d.serverFinal().length > 0) {
                challenge(session, d.serverFinal(), (s, line) -> {
                    if (line.equals("*")) {
                        s.fail(CANCELLED);
                    } else {
                        s.finishLogin(d.result());
                    }
                });
            } else {
                session.finishLogin(d.result());
            }
        } else {
            session.fail(MALFORMED);
        }
    }

    private static void challenge(Pop3Session session, byte[] data, Continuation next) {
        session.sendChallenge(Base64.getEncoder().encodeToString(data));
        session.expectContinuation(next);
    }

    /** A client line inside the exchange: base64, or {@code *} to cancel (RFC 5034 §4). */
    private static Optional<byte[]> decode(Pop3Session session, String line) {
        if (line.equals("*")) {
            session.fail(CANCELLED);
            return Optional.empty();
        }
        try {
            return Optional.of(Base64.getDecoder().decode(line.strip()));
        } catch (IllegalArgumentException e) {
            session.fail(BAD_BASE64);
            return Optional.empty();
        }
    }
}
