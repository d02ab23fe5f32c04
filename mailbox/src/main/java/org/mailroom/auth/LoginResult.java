package org.mailroom.auth;

import java.time.Duration;

/**
 * The answer to a login attempt. A failure carries the delay the protocol must wait before it
 * replies (growing with repeated failures), so the throttling costs the attacker time without
 * blocking a server thread; a ban refuses even correct passwords until it ends.
 */
public sealed interface LoginResult {

    record Success(AuthenticatedUser user) implements LoginResult {
    }

    /** Wrong user or password: the same answer for both, so that users cannot be enumerated. */
    record Failure(Duration replyDelay) implements LoginResult {
    }

    /** Too many failures from this client or for this account: refused until the ban ends. */
    record Banned(Duration remaining) implements LoginResult {
    }
}
