package org.mailroom.pop3;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/** The client side of SCRAM-SHA-256 (RFC 5802 §3, RFC 7677), written from the RFC for the tests. */
final class ScramClient {

    private final String user;
    private final String password;
    private final String clientNonce;
    private String clientFirstBare;
    private byte[] serverSignature;

    ScramClient(String user, String password) {
        this.user = user;
        this.password = password;
        byte[] n = new byte[18];
        new SecureRandom().nextBytes(n);
        this.clientNonce = Base64.getEncoder().encodeToString(n);
    }

    String clientFirst() {
        clientFirstBare = "n=" + user + ",r=" + clientNonce;
        return "n,," + clientFirstBare;
    }

    String clientFinal(String serverFirst) throws Exception {
        Map<String, String> a = attributes(serverFirst);
        if (!a.get("r").startsWith(clientNonce)) {
            throw new IllegalStateException("server nonce does not extend ours");
        }
        byte[] salt = Base64.getDecoder().decode(a.get("s"));
        int iterations = Integer.parseInt(a.get("i"));
        String withoutProof = "c=biws,r=" + a.get("r");
        String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        SecretKeyFactory f = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
        byte[] salted = f.generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256)).getEncoded();
        byte[] clientKey = hmac(salted, "Client Key");
        byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(clientKey);
        byte[] clientSignature = hmac(storedKey, authMessage);
        byte[] proof = new byte[clientKey.length];
        for (int i = 0; i < proof.length; i++) {
            proof[i] = (byte) (clientKey[i] ^ clientSignature[i]);
        }
        serverSignature = hmac(hmac(salted, "Server Key"), authMessage);
        return withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof);
    }

    boolean verifies(String serverFinal) {
        return MessageDigest.isEqual(Base64.getDecoder().decode(attributes(serverFinal).get("v")), serverSignature);
    }

    private static Map<String, String> attributes(String message) {
        Map<String, String> m = new HashMap<>();
        for (String part : message.split(",")) {
            m.put(part.substring(0, 1), part.substring(2));
        }
        return m;
    }

    private static byte[] hmac(byte[] key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }
}
