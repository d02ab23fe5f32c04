package org.mailroom.admin.command;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import org.mailroom.admin.AdminFailure;
import org.mailroom.store.DkimKey;

/**
 * New DKIM keys, for {@code dkim generate} and {@code quickstart}: RSA 2048 bits (the size RFC 8301
 * §3.2 recommends) or Ed25519 (RFC 8463), not yet stored.
 */
final class DkimKeyFactory {

    static final int RSA_BITS = 2048;

    enum Algorithm { RSA, ED25519 }

    private DkimKeyFactory() {
    }

    /** The selector when none is given: the algorithm and the day, e.g. rsa-20261204. */
    static String defaultSelector(Algorithm algorithm, Instant now) {
        return (algorithm == Algorithm.RSA ? "rsa-" : "ed25519-") + DkimCommands.DAY.format(now);
    }

    static DkimKey create(String domain, String selector, Algorithm algorithm, Instant now) {
        KeyPair pair = generate(algorithm);
        String publicKey = algorithm == Algorithm.RSA ? Base64.getEncoder().encodeToString(pair.getPublic().getEncoded())
                : Base64.getEncoder().encodeToString(rawEd25519(pair.getPublic().getEncoded()));
        return new DkimKey(domain, selector, algorithm == Algorithm.RSA ? "rsa-sha256" : "ed25519-sha256",
                Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()), publicKey, now);
    }

    private static KeyPair generate(Algorithm algorithm) {
        try {
            if (algorithm == Algorithm.RSA) {
                KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                g.initialize(RSA_BITS);
                return g.generateKeyPair();
            }
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new AdminFailure("cannot generate the key: " + e.getMessage());
        }
    }

    /** RFC 8463 §4: p= is the raw 32-octet key, the end of the SubjectPublicKeyInfo. */
    private static byte[] rawEd25519(byte[] spki) {
        return Arrays.copyOfRange(spki, spki.length - 32, spki.length);
    }
}
