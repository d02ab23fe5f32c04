package org.mailroom.auth;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.Optional;

/**
 * SASL PLAIN (RFC 4616): one message, {@code [authzid] NUL authcid NUL passwd}. Only logging in as
 * oneself is allowed: the authorization identity must be empty or the authentication identity.
 */
final class PlainExchange implements SaslExchange {

    /** RFC 4616 §2: authcid and passwd are at most 255 octets. */
    private static final int MAX_FIELD = 255;

    private final DefaultAuthenticator authenticator;
    private final InetAddress client;
    private boolean challenged;
    private boolean done;

    PlainExchange(DefaultAuthenticator authenticator, InetAddress client) {
        this.authenticator = authenticator;
        this.client = client;
    }

    @Override
    public String mechanism() {
        return "PLAIN";
    }

    @Override
    public Step step(byte[] response) {
        if (done) {
            return new Malformed("the exchange is over");
        }
        if (response.length == 0 && !challenged) {
            // RFC 4422 §5: without an initial response the server sends an empty challenge
            challenged = true;
            return new Challenge(new byte[0]);
        }
        done = true;
        if (response.length > SaslText.MAX_RESPONSE) {
            return new Malformed("response too long");
        }
        int first = SaslText.indexOf(response, (byte) 0, 0);
        int second = first < 0 ? -1 : SaslText.indexOf(response, (byte) 0, first + 1);
        if (second < 0 || SaslText.indexOf(response, (byte) 0, second + 1) >= 0) {
            return new Malformed("PLAIN needs authzid NUL authcid NUL password");
        }
        int authcidLength = second - first - 1;
        int passwordLength = response.length - second - 1;
        if (authcidLength < 1 || authcidLength > MAX_FIELD || passwordLength < 1 || passwordLength > MAX_FIELD) {
            return new Malformed("PLAIN user name and password must be 1 to 255 octets");
        }
        Optional<String> authzid = SaslText.string(response, 0, first);
        Optional<String> authcid = SaslText.string(response, first + 1, second);
        Optional<char[]> password = SaslText.chars(response, second + 1, response.length);
        if (authzid.isEmpty() || authcid.isEmpty() || password.isEmpty()) {
            password.ifPresent(p -> Arrays.fill(p, '\0'));
            return new Malformed("PLAIN fields must be UTF-8");
        }
        try {
            LoginResult result = authenticator.login(authcid.get(), password.get(), client);
            if (result instanceof LoginResult.Success && !authzid.get().isEmpty()
                    && !authzid.get().equalsIgnoreCase(authcid.get())) {
                result = authenticator.refuseAuthorization(authcid.get(), client);
            }
            return new Done(result, new byte[0]);
        } finally {
            Arrays.fill(password.get(), '\0');
        }
    }
}
