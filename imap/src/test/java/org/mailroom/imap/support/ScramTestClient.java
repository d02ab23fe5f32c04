package org.mailroom.imap.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/** The client side of SCRAM-SHA-256 (RFC 5802 §3, RFC 7677) with the JDK's PBKDF2 and HMAC, for tests. */
public final class ScramTestClient {

    private final String password;
    private final String clientFirstBare;
    private byte[] saltedPassword;
    private String authMessage;

    public ScramTestClient(String username, String password, String nonce) {
        this.password = password;
        this.clientFirstBare = "n=" + username + ",r=" + nonce;
    }

    public String clientFirst() {
        return "n,," + clientFirstBare;
    }

    public String clientFinal(String serverFirst) throws Exception {
        String nonce = field(serverFirst, "r");
        byte[] salt = Base64.getDecoder().decode(field(serverFirst, "s"));
        int iterations = Integer.parseInt(field(serverFirst, "i"));
        saltedPassword = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256)).getEncoded();
        String withoutProof = "c=biws,r=" + nonce;
        authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        byte[] clientKey = hmac(saltedPassword, "Client Key");
        byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(clientKey);
        byte[] signature = hmac(storedKey, authMessage);
        byte[] proof = new byte[clientKey.length];
        for (int i = 0; i < proof.length; i++) {
            proof[i] = (byte) (clientKey[i] ^ signature[i]);
        }
        return withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof);
    }

    /** Whether the server-final message proves the server knows the password too. */
    public boolean verifies(String serverFinal) throws Exception {
        byte[] serverKey = hmac(saltedPassword, "Server Key");
        return serverFinal.equals("v=" + Base64.getEncoder().encodeToString(hmac(serverKey, authMessage)));
    }

    private static byte[] hmac(byte[] key, String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String field(String message, String name) {
        for (String part : message.split(",")) {
            if (part.startsWith(name + "=")) {
                return part.substring(name.length() + 1);
            }
        }
        throw new IllegalArgumentException("no " + name + " in " + message);
    }
}
