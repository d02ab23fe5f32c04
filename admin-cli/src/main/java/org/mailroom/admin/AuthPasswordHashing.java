package org.mailroom.admin;

/** The auth package's hasher (Argon2id and SCRAM-SHA-256), wired once it is on main. */
final class AuthPasswordHashing {

    private AuthPasswordHashing() {
    }

    static PasswordHashing production() {
        return password -> {
            throw new AdminFailure("password hashing is not available in this build");
        };
    }
}
