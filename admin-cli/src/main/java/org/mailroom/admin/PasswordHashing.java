package org.mailroom.admin;

/** Turns a new password into what the store keeps; the auth package's hasher in production. */
@FunctionalInterface
public interface PasswordHashing {

    HashedPassword hash(char[] password);

    /** The slow salted hash for password logins and the SCRAM-SHA-256 verifier, never the password. */
    record HashedPassword(String passwordHash, String scramVerifier) {

        @Override
        public String toString() {
            return "HashedPassword[***]";
        }
    }
}
