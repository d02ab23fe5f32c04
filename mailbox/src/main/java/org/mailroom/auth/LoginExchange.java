package org.mailroom.auth;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * SASL LOGIN (draft-murchison-sasl-login-00): the server asks {@code Username:} then
 * {@code Password:}, the client answers each. Obsolete but still what Outlook and many phones use.
 * A client that sends the user name as an initial response (§2.1 allows it) skips the first question.
 */
final class LoginExchange implements SaslExchange {

    static final byte[] USERNAME = "Username:".getBytes(StandardCharsets.US_ASCII);
    static final byte[] PASSWORD = "Password:".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_FIELD = 1024;

    private final DefaultAuthenticator authenticator;
    private final InetAddress client;
    private State state = State.START;
    private String username;

    private enum State { START, USERNAME, PASSWORD, DONE }

    LoginExchange(DefaultAuthenticator authenticator, InetAddress client) {
        this.authenticator = authenticator;
        this.client = client;
    }

    @Override
    public String mechanism() {
        return "LOGIN";
    }

    @Override
    public Step step(byte[] response) {
        switch (state) {
            case START:
                if (response.length == 0) {
                    state = State.USERNAME;
                    return new Challenge(USERNAME.clone());
                }
                return username(response);
            case USERNAME:
                return username(response);
            case PASSWORD:
                state = State.DONE;
                return password(response);
            default:
                return new Malformed("the exchange is over");
        }
    }

    private Step username(byte[] response) {
        state = State.DONE;
        if (response.length > MAX_FIELD) {
            return new Malformed("user name too long");
        }
        Optional<String> name = SaslText.string(response, 0, response.length);
        if (name.isEmpty()) {
            return new Malformed("user name must be UTF-8");
        }
        username = name.get();
        state = State.PASSWORD;
        return new Challenge(PASSWORD.clone());
    }

    private Step password(byte[] response) {
        if (response.length > MAX_FIELD) {
            return new Malformed("password too long");
        }
        Optional<char[]> password = SaslText.chars(response, 0, response.length);
        if (password.isEmpty()) {
            return new Malformed("password must be UTF-8");
        }
        try {
            return new Done(authenticator.login(username, password.get(), client), new byte[0]);
        } finally {
            Arrays.fill(password.get(), '\0');
        }
    }
}
