package org.mailroom.imap.support;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.mailroom.auth.AuthenticatedUser;
import org.mailroom.auth.Authenticator;
import org.mailroom.auth.LoginResult;
import org.mailroom.auth.SaslExchange;

/**
 * Stands in for the shared authenticator until the auth work is on main (the brief's plan): plain
 * password checks, SASL PLAIN and LOGIN, a fixed failure delay. To be replaced by DefaultAuthenticator.
 */
public final class TestAuthenticator implements Authenticator {

    private final Map<String, AuthenticatedUser> users = new ConcurrentHashMap<>();
    private final Map<String, String> passwords = new ConcurrentHashMap<>();
    private final Duration failureDelay;

    public TestAuthenticator(Duration failureDelay) {
        this.failureDelay = failureDelay;
    }

    public void add(AuthenticatedUser user, String password) {
        users.put(user.address().toString(), user);
        passwords.put(user.address().toString(), password);
    }

    @Override
    public List<String> mechanisms() {
        return List.of("PLAIN", "LOGIN");
    }

    @Override
    public LoginResult login(String username, char[] password, InetAddress client) {
        String p = passwords.get(username);
        if (p != null && Arrays.equals(p.toCharArray(), password)) {
            return new LoginResult.Success(users.get(username));
        }
        return new LoginResult.Failure(failureDelay);
    }

    @Override
    public Optional<SaslExchange> start(String mechanism, InetAddress client) {
        return switch (mechanism) {
            case "PLAIN" -> Optional.of(new SaslExchange() {
                @Override
                public String mechanism() {
                    return "PLAIN";
                }

                @Override
                public Step step(byte[] r) {
                    if (r.length == 0) {
                        return new Challenge(new byte[0]);
                    }
                    String[] f = new String(r, StandardCharsets.UTF_8).split("\0", -1);
                    if (f.length != 3) {
                        return new Malformed("PLAIN needs three fields");
                    }
                    return new Done(login(f[1], f[2].toCharArray(), client), null);
                }
            });
            case "LOGIN" -> Optional.of(new SaslExchange() {
                private String user;
                private boolean started;

                @Override
                public String mechanism() {
                    return "LOGIN";
                }

                @Override
                public Step step(byte[] r) {
                    if (!started && r.length == 0) {
                        started = true;
                        return new Challenge("Username:".getBytes(StandardCharsets.US_ASCII));
                    }
                    started = true;
                    if (user == null) {
                        user = new String(r, StandardCharsets.UTF_8);
                        return new Challenge("Password:".getBytes(StandardCharsets.US_ASCII));
                    }
                    return new Done(login(user, new String(r, StandardCharsets.UTF_8).toCharArray(), client), null);
                }
            });
            default -> Optional.empty();
        };
    }
}
