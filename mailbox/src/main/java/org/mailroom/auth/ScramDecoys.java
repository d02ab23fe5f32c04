package org.mailroom.auth;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Locale;

/**
 * SCRAM verifiers for user names without one, so that the server-first message for an unknown user
 * looks like a real one: the salt is derived from the name under a per-process secret (the same name
 * gets the same salt every time, as a real account would), and no proof ever matches the keys.
 */
final class ScramDecoys {

    private final byte[] secret = new byte[32];

    ScramDecoys() {
        new SecureRandom().nextBytes(secret);
    }

    ScramVerifier verifier(String username) {
        byte[] name = username.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
        byte[] salt = Arrays.copyOf(ScramVerifier.hmac(secret, concat("salt:", name)), 16);
        byte[] stored = ScramVerifier.hmac(secret, concat("stored:", name));
        byte[] server = ScramVerifier.hmac(secret, concat("server:", name));
        return new ScramVerifier(salt, ScramVerifier.DEFAULT_ITERATIONS, stored, server);
    }

    private static byte[] concat(String label, byte[] name) {
        byte[] l = label.getBytes(StandardCharsets.US_ASCII);
        byte[] out = Arrays.copyOf(l, l.length + name.length);
        System.arraycopy(name, 0, out, l.length, name.length);
        return out;
    }
}
