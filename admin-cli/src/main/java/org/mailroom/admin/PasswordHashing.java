package org.mailroom.admin;

import org.mailroom.auth.Credentials;

/**
 * Turns a new password into what the store keeps: {@link Credentials#fromPassword(char[])} (Argon2id
 * and SCRAM-SHA-256) in production; tests pass cheaper hasher parameters.
 */
@FunctionalInterface
public interface PasswordHashing {

    PasswordHashing PRODUCTION = Credentials::fromPassword;

    Credentials hash(char[] password);
}
