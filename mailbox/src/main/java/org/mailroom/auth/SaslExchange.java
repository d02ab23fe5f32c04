package org.mailroom.auth;

/**
 * One SASL authentication in progress (RFC 4422), independent of the protocol that carries it: the
 * protocol decodes the client's base64 and calls {@link #step}, then encodes what comes back.
 */
public interface SaslExchange {

    /** The mechanism's name, e.g. {@code SCRAM-SHA-256}. */
    String mechanism();

    /**
     * Processes the client's next response (the initial response first, an empty array when the client
     * sent none and the mechanism starts with a server challenge).
     */
    Step step(byte[] clientResponse);

    sealed interface Step {
    }

    /** The server needs another response; send this challenge. */
    record Challenge(byte[] data) implements Step {
    }

    /** Done: the protocol replies with success, carrying {@code serverFinal} where it has any (SCRAM). */
    record Done(LoginResult result, byte[] serverFinal) implements Step {
    }

    /** The client's response was malformed (a syntax error, not a failed login): abort the exchange. */
    record Malformed(String reason) implements Step {
    }
}
