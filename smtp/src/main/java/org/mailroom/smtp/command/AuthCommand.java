package org.mailroom.smtp.command;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.mailroom.auth.LoginResult;
import org.mailroom.auth.SaslExchange;
import org.mailroom.smtp.protocol.CommandFlag;
import org.mailroom.smtp.protocol.Reply;
import org.mailroom.smtp.protocol.Result;
import org.mailroom.smtp.protocol.SessionContext;
import org.mailroom.smtp.protocol.SessionState;
import org.mailroom.smtp.protocol.SmtpCommand;
import org.mailroom.smtp.protocol.SyntaxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code AUTH mechanism [SP initial-response]} (RFC 4954 §4): a SASL exchange through the shared
 * {@link org.mailroom.auth.Authenticator}, in 334 challenges and base64 lines, {@code *} to cancel,
 * {@code =} for an empty initial response. Never logs what the client sent.
 */
final class AuthCommand implements SmtpCommand<AuthCommand.Request> {

    private static final Logger LOG = LoggerFactory.getLogger(AuthCommand.class);

    static final Reply CANCELLED = Reply.of(501, "5.0.0", "Authentication cancelled");
    static final Reply UNDECODABLE = Reply.of(501, "5.5.2", "Cannot decode the base64 response");
    static final Reply INVALID = Reply.of(535, "5.7.8", "Authentication credentials invalid");
    static final Reply BANNED = Reply.of(454, "4.7.0", "Temporary authentication failure");
    static final Reply SUCCESS = Reply.of(235, "2.7.0", "Authentication successful");

    /** @param initialResponse decoded; empty when the client sent none */
    record Request(String mechanism, Optional<byte[]> initialResponse) {
    }

    @Override
    public String verb() {
        return "AUTH";
    }

    @Override
    public Set<SessionState> validIn() {
        // RFC 4954 §4: not during a mail transaction, and only after EHLO.
        return States.GREETED;
    }

    @Override
    public Set<CommandFlag> flags() {
        return Set.of(CommandFlag.CREDENTIALS);
    }

    @Override
    public Request parse(String arguments) throws SyntaxException {
        String[] parts = arguments.trim().split(" +");
        if (parts.length < 1 || parts.length > 2 || parts[0].isEmpty()) {
            throw SyntaxException.of(501, "5.5.4", "Syntax: AUTH mechanism [initial-response]");
        }
        Optional<byte[]> initial = Optional.empty();
        if (parts.length == 2) {
            if (parts[1].equals("=")) {
                initial = Optional.of(new byte[0]);
            } else {
                initial = Optional.of(decode(parts[1]).orElseThrow(() -> new SyntaxException(UNDECODABLE)));
            }
        }
        return new Request(parts[0].toUpperCase(Locale.ROOT), initial);
    }

    @Override
    public Result execute(Request r, SessionContext session) {
        if (session.user().isPresent()) {
            return Result.reply(Reply.of(503, "5.5.1", "Already authenticated"));
        }
        Optional<SaslExchange> exchange = session.services().authenticator().mechanisms().stream()
                .anyMatch(m -> m.equalsIgnoreCase(r.mechanism()))
                ? session.services().authenticator().start(r.mechanism(), session.client())
                : Optional.empty();
        if (exchange.isEmpty()) {
            return Result.reply(Reply.of(504, "5.5.4", "Unrecognized authentication type"));
        }
        return step(exchange.get(), r.initialResponse().orElse(new byte[0]), session);
    }

    private static Result step(SaslExchange exchange, byte[] response, SessionContext session) {
        SaslExchange.Step step = exchange.step(response);
        if (step instanceof SaslExchange.Challenge c) {
            return new Result.Continue(challenge(c.data()), (line, s) -> {
                if (line.equals("*")) {
                    return Result.reply(CANCELLED);
                }
                Optional<byte[]> decoded = decode(line);
                return decoded.isEmpty() ? Result.reply(UNDECODABLE) : step(exchange, decoded.get(), s);
            });
        }
        if (step instanceof SaslExchange.Malformed) {
            return Result.reply(Reply.of(501, "5.5.2", "Malformed authentication response"));
        }
        SaslExchange.Done done = (SaslExchange.Done) step;
        LoginResult result = done.result();
        if (result instanceof LoginResult.Success success) {
            if (done.serverFinal() != null && done.serverFinal().length > 0) {
                // RFC 4954 §4: data with success goes in a 334; the client answers with an empty line.
                return new Result.Continue(challenge(done.serverFinal()), (line, s) -> {
                    if (!line.isEmpty()) {
                        return Result.reply(line.equals("*") ? CANCELLED : UNDECODABLE);
                    }
                    return succeeded(s, success, exchange.mechanism());
                });
            }
            return succeeded(session, success, exchange.mechanism());
        }
        if (result instanceof LoginResult.Banned) {
            LOG.info("smtp session={} auth mechanism={} result=banned", session.sessionId(), exchange.mechanism());
            return Result.reply(BANNED);
        }
        LoginResult.Failure failure = (LoginResult.Failure) result;
        LOG.info("smtp session={} auth mechanism={} result=failed", session.sessionId(), exchange.mechanism());
        return failure.replyDelay().isZero() ? Result.reply(INVALID)
                : new Result.Delayed(INVALID, failure.replyDelay(), false);
    }

    private static Result succeeded(SessionContext session, LoginResult.Success success, String mechanism) {
        session.authenticated(success.user());
        LOG.info("smtp session={} auth mechanism={} result=success user={}", session.sessionId(), mechanism,
                success.user().address());
        return Result.reply(SUCCESS);
    }

    private static Reply challenge(byte[] data) {
        return Reply.plain(334, Base64.getEncoder().encodeToString(data));
    }

    private static Optional<byte[]> decode(String s) {
        try {
            return Optional.of(Base64.getDecoder().decode(s.trim().getBytes(StandardCharsets.US_ASCII)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
