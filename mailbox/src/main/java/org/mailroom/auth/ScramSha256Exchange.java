package org.mailroom.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SASL SCRAM-SHA-256 (RFC 7677, the exchange of RFC 5802 §5 and grammar of §7), server side, without
 * channel binding: we do not offer SCRAM-SHA-256-PLUS, so a client asking for binding ({@code p=})
 * is refused, while {@code n} and {@code y} (RFC 5802 §6) proceed.
 *
 * <pre>
 * C: n,,n=user,r=cnonce                        client-first
 * S: r=cnonce+snonce,s=salt,i=4096             server-first
 * C: c=biws,r=cnonce+snonce,p=proof            client-final
 * S: v=ServerSignature                         server-final (in {@link Done})
 * </pre>
 */
final class ScramSha256Exchange implements SaslExchange {

    /** RFC 5802 §7 client-first-message: gs2-header, then the bare part (no "m=" extension allowed). */
    private static final Pattern CLIENT_FIRST = Pattern.compile(
            "([ny]),(?:a=([^,]*))?,(n=([^,]*),r=([\\x21-\\x2b\\x2d-\\x7e]+)(?:,[a-zA-Z]=[^,]*)*)");
    /** RFC 5802 §7 client-final-message; extensions between nonce and proof are allowed and ignored. */
    private static final Pattern CLIENT_FINAL = Pattern.compile(
            "(c=([A-Za-z0-9+/=]+),r=([\\x21-\\x2b\\x2d-\\x7e]+)(?:,[a-zA-Z]=[^,]*)*),p=([A-Za-z0-9+/=]+)");

    private final ScramAccounts accounts;
    private final Supplier<String> serverNonces;
    private State state = State.START;
    private String gs2Header;
    private String clientFirstBare;
    private String serverFirst;
    private String nonce;
    private ScramAccounts.Target target;

    private enum State { START, CLIENT_FIRST, CLIENT_FINAL, DONE }

    ScramSha256Exchange(ScramAccounts accounts, Supplier<String> serverNonces) {
        this.accounts = accounts;
        this.serverNonces = serverNonces;
    }

    @Override
    public String mechanism() {
        return "SCRAM-SHA-256";
    }

    @Override
    public Step step(byte[] response) {
        State s = state;
        state = State.DONE;
        if (response.length > SaslText.MAX_RESPONSE) {
            return new Malformed("response too long");
        }
        switch (s) {
            case START:
                if (response.length == 0) {
                    state = State.CLIENT_FIRST;
                    return new Challenge(new byte[0]);
                }
                return clientFirst(response);
            case CLIENT_FIRST:
                return clientFirst(response);
            case CLIENT_FINAL:
                return clientFinal(response);
            default:
                return new Malformed("the exchange is over");
        }
    }

    private Step clientFirst(byte[] response) {
        Optional<String> text = SaslText.string(response, 0, response.length);
        if (text.isEmpty()) {
            return new Malformed("SCRAM messages must be UTF-8");
        }
        String message = text.get();
        if (message.startsWith("p=")) {
            // RFC 5802 §6: binding was asked for but this server offers no -PLUS mechanism
            return new Malformed("channel binding is not supported");
        }
        Matcher m = CLIENT_FIRST.matcher(message);
        if (!m.matches()) {
            return new Malformed("not a SCRAM client-first message");
        }
        Optional<String> username = saslName(m.group(4));
        Optional<String> authzid = m.group(2) == null ? Optional.of("") : saslName(m.group(2));
        if (username.isEmpty() || authzid.isEmpty() || username.get().isEmpty()) {
            return new Malformed("bad user name encoding");
        }
        gs2Header = message.substring(0, m.start(3));
        clientFirstBare = m.group(3);
        target = accounts.target(username.get());
        if (target.refusal().isPresent()) {
            return new Done(target.refusal().get(), new byte[0]);
        }
        if (!authzid.get().isEmpty() && !authzid.get().equalsIgnoreCase(username.get())) {
            // RFC 5802 §5.1: only logging in as oneself is allowed; answered like a wrong password
            target = new ScramAccounts.Target(target.username(), target.verifier(), Optional.empty(),
                    Optional.empty());
        }
        nonce = m.group(5) + serverNonces.get();
        ScramVerifier v = target.verifier();
        serverFirst = "r=" + nonce + ",s=" + Base64.getEncoder().encodeToString(v.salt()) + ",i=" + v.iterations();
        state = State.CLIENT_FINAL;
        return new Challenge(serverFirst.getBytes(StandardCharsets.UTF_8));
    }

    private Step clientFinal(byte[] response) {
        Optional<String> text = SaslText.string(response, 0, response.length);
        Matcher m = text.map(CLIENT_FINAL::matcher).filter(Matcher::matches).orElse(null);
        if (m == null) {
            return new Malformed("not a SCRAM client-final message");
        }
        String expectedBinding = Base64.getEncoder().encodeToString(gs2Header.getBytes(StandardCharsets.UTF_8));
        if (!m.group(2).equals(expectedBinding) || !m.group(3).equals(nonce)) {
            return new Malformed("channel binding or nonce does not match");
        }
        byte[] proof;
        try {
            proof = Base64.getDecoder().decode(m.group(4));
        } catch (IllegalArgumentException e) {
            return new Malformed("proof is not base64");
        }
        String authMessage = clientFirstBare + "," + serverFirst + "," + m.group(1);
        byte[] auth = authMessage.getBytes(StandardCharsets.UTF_8);
        ScramVerifier v = target.verifier();
        boolean valid = false;
        if (proof.length == 32) {
            // RFC 5802 §3: ClientKey = ClientProof XOR HMAC(StoredKey, AuthMessage); check H(ClientKey)
            byte[] clientSignature = ScramVerifier.hmac(v.storedKey(), auth);
            byte[] clientKey = new byte[32];
            for (int i = 0; i < 32; i++) {
                clientKey[i] = (byte) (proof[i] ^ clientSignature[i]);
            }
            valid = MessageDigest.isEqual(ScramVerifier.sha256(clientKey), v.storedKey());
        }
        LoginResult result = accounts.conclude(target, valid);
        if (result instanceof LoginResult.Success) {
            String serverFinal = "v=" + Base64.getEncoder().encodeToString(ScramVerifier.hmac(v.serverKey(), auth));
            return new Done(result, serverFinal.getBytes(StandardCharsets.UTF_8));
        }
        if (result instanceof LoginResult.Failure) {
            // RFC 5802 §7 server-error; "invalid-proof" for unknown users too, so nothing is revealed
            return new Done(result, "e=invalid-proof".getBytes(StandardCharsets.UTF_8));
        }
        return new Done(result, new byte[0]);
    }

    /** RFC 5802 §5.1: in a saslname ',' is "=2C" and '=' is "=3D"; any other '=' is an error. */
    static Optional<String> saslName(String encoded) {
        StringBuilder out = new StringBuilder(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c != '=') {
                out.append(c);
            } else if (encoded.startsWith("=2C", i)) {
                out.append(',');
                i += 2;
            } else if (encoded.startsWith("=3D", i)) {
                out.append('=');
                i += 2;
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(out.toString());
    }
}
