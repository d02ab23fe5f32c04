package org.mailroom.admin;

import org.mailroom.auth.Credentials;
import org.mailroom.auth.PasswordHasher;
import org.mailroom.auth.ScramVerifier;
import org.mailroom.store.CredentialStore.StoredCredentials;

/** The auth package's real hashing, with its cheap test parameters so that the suite stays fast. */
final class TestHashing {

    private static final PasswordHasher HASHER = new PasswordHasher(PasswordHasher.Parameters.FOR_TESTS);
    static final PasswordHashing FAST = password -> Credentials.fromPassword(password, HASHER);

    private TestHashing() {
    }

    /** Whether both stored forms belong to this password: the Argon2id hash and the SCRAM verifier. */
    static boolean matches(String password, StoredCredentials stored) {
        ScramVerifier scram = ScramVerifier.parse(stored.scramVerifier()).orElseThrow();
        return HASHER.verify(password.toCharArray(), stored.passwordHash())
                && scram.equals(ScramVerifier.fromPassword(password.toCharArray(), scram.salt(), scram.iterations()));
    }
}
