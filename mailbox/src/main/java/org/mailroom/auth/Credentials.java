package org.mailroom.auth;

/**
 * What the store keeps for one account's password: the Argon2id hash for password logins and
 * PLAIN/LOGIN, and the SCRAM-SHA-256 verifier. The password itself is never kept.
 *
 * @param passwordHash the PHC string {@link PasswordHasher} writes
 * @param scramVerifier the text form of a {@link ScramVerifier}
 */
public record Credentials(String passwordHash, String scramVerifier) {

    /** Both forms for a new password, with the production Argon2id parameters. */
    public static Credentials fromPassword(char[] password) {
        return fromPassword(password, new PasswordHasher());
    }

    public static Credentials fromPassword(char[] password, PasswordHasher hasher) {
        return new Credentials(hasher.hash(password), ScramVerifier.fromPassword(password).encode());
    }

    @Override
    public String toString() {
        return "Credentials[***]";
    }
}
