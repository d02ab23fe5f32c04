package org.mailroom.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.mailroom.auth.AuthenticatedUser;
import org.mailroom.auth.Authenticator;
import org.mailroom.auth.LoginResult;
import org.mailroom.auth.SaslExchange;
import org.mailroom.store.Account;
import org.mailroom.store.EmailAddress;
import org.mailroom.store.MailStore;
import org.mailroom.store.Quota;

/**
 * Authentication and TLS for the tests. Interim: until the auth module's DefaultAuthenticator and
 * TlsMaterial are on main, a PLAIN/LOGIN authenticator over an in-memory password table and a
 * keytool-made certificate stand in.
 */
public final class TestSecurity {

    private final MailStore store;
    private final SSLContext context;
    private final Map<String, String> passwords = new HashMap<>();

    private TestSecurity(MailStore store, SSLContext context) {
        this.store = store;
        this.context = context;
    }

    static TestSecurity create(Path dir, MailStore store) {
        try {
            Path ks = dir.resolve("tls.p12");
            Process p = new ProcessBuilder("keytool", "-genkeypair", "-alias", "mx", "-keyalg", "EC", "-groupname",
                    "secp256r1", "-dname", "CN=" + SmtpTestServer.HOST, "-validity", "2", "-storetype", "PKCS12",
                    "-keystore", ks.toString(), "-storepass", "changeit", "-keypass", "changeit")
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (p.waitFor() != 0) {
                throw new IOException("keytool failed");
            }
            KeyStore store2 = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(ks)) {
                store2.load(in, "changeit".toCharArray());
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store2, "changeit".toCharArray());
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return new TestSecurity(store, ctx);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    Account addAccount(String address, String password) {
        passwords.put(address, password);
        return store.admin().addAccount(EmailAddress.parse(address), "x", "x", Quota.UNLIMITED);
    }

    public SSLContext sslContext() {
        return context;
    }

    /** A client context that trusts any certificate: the tests' server certificate is self-signed. */
    public static SSLContext trustingClientContext() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(java.security.cert.X509Certificate[] c, String a) {
                }

                @Override
                public void checkServerTrusted(java.security.cert.X509Certificate[] c, String a) {
                }

                @Override
                public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                    return new java.security.cert.X509Certificate[0];
                }
            }}, null);
            return ctx;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    Authenticator authenticator() {
        return new Authenticator() {
            @Override
            public List<String> mechanisms() {
                return List.of("PLAIN", "LOGIN");
            }

            @Override
            public LoginResult login(String username, char[] password, InetAddress client) {
                String expected = passwords.get(username);
                if (expected != null && expected.equals(new String(password))) {
                    Account a = store.admin().account(EmailAddress.parse(username)).orElseThrow();
                    return new LoginResult.Success(new AuthenticatedUser(a.id(), a.address()));
                }
                return new LoginResult.Failure(java.time.Duration.ZERO);
            }

            @Override
            public Optional<SaslExchange> start(String mechanism, InetAddress client) {
                return Optional.of(new SaslExchange() {
                    private String user;
                    private int steps;

                    @Override
                    public String mechanism() {
                        return mechanism;
                    }

                    @Override
                    public Step step(byte[] r) {
                        steps++;
                        if (mechanism.equals("PLAIN")) {
                            if (r.length == 0 && steps == 1) {
                                return new Challenge(new byte[0]);
                            }
                            String[] parts = new String(r, StandardCharsets.UTF_8).split("\0", -1);
                            if (parts.length != 3) {
                                return new Malformed("PLAIN needs three parts");
                            }
                            return new Done(login(parts[1], parts[2].toCharArray(), client), new byte[0]);
                        }
                        if (steps == 1) {
                            return new Challenge("Username:".getBytes(StandardCharsets.US_ASCII));
                        }
                        if (steps == 2) {
                            user = new String(r, StandardCharsets.UTF_8);
                            return new Challenge("Password:".getBytes(StandardCharsets.US_ASCII));
                        }
                        return new Done(login(user, new String(r, StandardCharsets.UTF_8).toCharArray(), client),
                                new byte[0]);
                    }
                });
            }
        };
    }

    public static String plain(String user, String password) {
        return Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
    }
}
