/**
 * The authentication service every protocol shares (DESIGN.md, "Security by default").
 *
 * <p>Passwords are stored only as Argon2id hashes ({@link org.mailroom.auth.PasswordHasher}) and
 * SCRAM-SHA-256 verifiers ({@link org.mailroom.auth.ScramVerifier}); the admin CLI makes both with
 * {@link org.mailroom.auth.Credentials#fromPassword}. {@link org.mailroom.auth.DefaultAuthenticator}
 * checks password logins and runs the SASL mechanisms PLAIN, LOGIN and SCRAM-SHA-256, remembering
 * recently verified passwords as keyed digests only, and lets {@link org.mailroom.auth.LoginThrottle}
 * delay and ban whoever keeps failing. Protocols see only {@link org.mailroom.auth.Authenticator}.
 */
package org.mailroom.auth;
