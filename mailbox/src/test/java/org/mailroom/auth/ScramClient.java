package org.mailroom.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The client side of SCRAM-SHA-256, written from RFC 5802 §3 with the JDK's own PBKDF2 and HMAC
 * (not the server's Bouncy Castle code), to check the server against an independent computation.
 * In the test-jar: the protocol modules' tests log in with it too.
 */
public final class ScramClient {

    public final String clientFirstBare;
    private final String password;
    private final String gs2Header;
    private byte[] saltedPassword;
    private String authMessage;

    public ScramClient(String gs2Header, String username, String password, String clientNonce) {
        this.gs2Header = gs2Header;
        this.password = password;
        this.clientFirstBare = "n=" + username.replace("=", "=3D").replace(",", "=2C") + ",r=" + clientNonce;
    }

    public String clientFirst() {
        return gs2Header + clientFirstBare;
    }

    public String clientFinal(String serverFirst) throws Exception {
        String nonce = field(serverFirst, "r");
        byte[] salt = Base64.getDecoder().decode(field(serverFirst, "s"));
        int iterations = Integer.parseInt(field(serverFirst, "i"));
        SecretKeyFactory f = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
        saltedPassword = f.generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256)).getEncoded();
        String withoutProof = "c=" + Base64.getEncoder().encodeToString(gs2Header.getBytes(StandardCharsets.UTF_8))
                + ",r=" + nonce;
        authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        byte[] clientKey = hmac(saltedPassword, "Client Key");
        byte[] storedKey = java.security.MessageDigest.getInstance("SHA-256").digest(clientKey);
        byte[] signature = hmac(storedKey, authMessage);
        byte[] proof = new byte[clientKey.length];
        for (int i = 0; i < proof.length; i++) {
            proof[i] = (byte) (clientKey[i] ^ signature[i]);
        }
        return withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof);
    }

    /** The server-final message a server that knows the password must send. */
    public String expectedServerFinal() throws Exception {
        return "v=" + Base64.getEncoder().encodeToString(hmac(hmac(saltedPassword, "Server Key"), authMessage));
    }

    private static byte[] hmac(byte[] key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    public static String field(String message, String name) {
        for (String part : message.split(",")) {
            if (part.startsWith(name + "=")) {
                return part.substring(name.length() + 1);
            }
        }
        throw new IllegalArgumentException("no " + name + " in " + message);
    }
}
