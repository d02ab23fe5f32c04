package org.mailroom.auth;

import java.util.Optional;

/** What a SCRAM exchange needs from the authentication service: whom to challenge, and the verdict. */
interface ScramAccounts {

    /**
     * The verifier to challenge {@code username} with. For an unknown user it is a decoy with a
     * stable salt, so the server-first message does not reveal whether the account exists; a banned
     * client or user gets its refusal at once.
     */
    Target target(String username);

    /** The result once the client's proof was checked against the target's verifier. */
    LoginResult conclude(Target target, boolean proofValid);

    /**
     * @param refusal a result to end the exchange with at once (a ban)
     * @param user the account, when it exists and may log in
     */
    record Target(String username, ScramVerifier verifier, Optional<LoginResult> refusal,
                  Optional<AuthenticatedUser> user) {
    }
}
