package org.mailroom.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.mailroom.store.CredentialStore.StoredCredentials;

/** Placeholder until the auth package's hasher is on main. */
final class TestHashing {

    static final PasswordHashing FAST = password -> new PasswordHashing.HashedPassword(encode(password), "pending");

    private TestHashing() {
    }

    private static String encode(char[] password) {
        try {
            return "pending:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(new String(password).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean matches(String password, StoredCredentials stored) {
        return stored.passwordHash().equals(encode(password.toCharArray()));
    }
}
