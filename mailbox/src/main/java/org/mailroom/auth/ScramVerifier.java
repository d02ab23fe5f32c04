package org.mailroom.auth;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * What a server keeps to check SCRAM-SHA-256 logins without the password (RFC 5802 §3, RFC 7677):
 * the salt, the iteration count, {@code StoredKey = H(HMAC(SaltedPassword, "Client Key"))} and
 * {@code ServerKey = HMAC(SaltedPassword, "Server Key")}.
 *
 * <p>Its text form is the one PostgreSQL uses, {@code SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>}
 * (standard base64), so an administrator recognises it.
 */
public record ScramVerifier(byte[] salt, int iterations, byte[] storedKey, byte[] serverKey) {

    /** RFC 7677 §4: at least 4096 iterations. */
    public static final int MIN_ITERATIONS = 4096;
    public static final int DEFAULT_ITERATIONS = 8192;
    /** Bound on a stored count, so a corrupt string cannot stall a login for minutes. */
    static final int MAX_ITERATIONS = 1_000_000;
    private static final int SALT_BYTES = 16;
    private static final int KEY_BYTES = 32;
    private static final Pattern TEXT = Pattern.compile(
            "SCRAM-SHA-256\\$(\\d{1,7}):([A-Za-z0-9+/=]{4,88})\\$([A-Za-z0-9+/=]{44}):([A-Za-z0-9+/=]{44})");
    private static final SecureRandom RANDOM = new SecureRandom();

    public ScramVerifier {
        if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("SCRAM iteration count out of range: " + iterations);
        }
        if (salt.length == 0 || storedKey.length != KEY_BYTES || serverKey.length != KEY_BYTES) {
            throw new IllegalArgumentException("SCRAM-SHA-256 needs a salt and 32-byte keys");
        }
        salt = salt.clone();
        storedKey = storedKey.clone();
        serverKey = serverKey.clone();
    }

    /** A verifier for the password with a fresh random salt and {@link #DEFAULT_ITERATIONS}. */
    public static ScramVerifier fromPassword(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return fromPassword(password, salt, DEFAULT_ITERATIONS);
    }

    /** RFC 5802 §3: SaltedPassword = Hi(Normalize(password), salt, i), then the two keys from it. */
    public static ScramVerifier fromPassword(char[] password, byte[] salt, int iterations) {
        byte[] salted = saltedPassword(password, salt, iterations);
        try {
            byte[] clientKey = hmac(salted, "Client Key".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            byte[] serverKey = hmac(salted, "Server Key".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return new ScramVerifier(salt, iterations, sha256(clientKey), serverKey);
        } finally {
            Arrays.fill(salted, (byte) 0);
        }
    }

    /** Hi() of RFC 5802 §2.2 is PBKDF2 (RFC 8018) with HMAC-SHA-256 and one block of output. */
    static byte[] saltedPassword(char[] password, byte[] salt, int iterations) {
        char[] prepared = SaslPrep.prepare(password);
        byte[] bytes = PasswordHasher.utf8(prepared);
        Arrays.fill(prepared, '\0');
        try {
            PKCS5S2ParametersGenerator generator = new PKCS5S2ParametersGenerator(new SHA256Digest());
            generator.init(bytes, salt, iterations);
            return ((KeyParameter) generator.generateDerivedMacParameters(KEY_BYTES * 8)).getKey();
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** Reads the text form; empty when the text is not a verifier this class could have written. */
    public static Optional<ScramVerifier> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = TEXT.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            Base64.Decoder d = Base64.getDecoder();
            return Optional.of(new ScramVerifier(d.decode(m.group(2)), Integer.parseInt(m.group(1)),
                    d.decode(m.group(3)), d.decode(m.group(4))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The text form {@link #parse} reads. */
    public String encode() {
        Base64.Encoder e = Base64.getEncoder();
        return "SCRAM-SHA-256$" + iterations + ":" + e.encodeToString(salt) + "$" + e.encodeToString(storedKey)
                + ":" + e.encodeToString(serverKey);
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    @Override
    public byte[] storedKey() {
        return storedKey.clone();
    }

    @Override
    public byte[] serverKey() {
        return serverKey.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScramVerifier v && iterations == v.iterations && Arrays.equals(salt, v.salt)
                && Arrays.equals(storedKey, v.storedKey) && Arrays.equals(serverKey, v.serverKey);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(storedKey);
    }

    /** Keys stay out of logs. */
    @Override
    public String toString() {
        return "ScramVerifier[iterations=" + iterations + "]";
    }

    static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java runtime", e);
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
