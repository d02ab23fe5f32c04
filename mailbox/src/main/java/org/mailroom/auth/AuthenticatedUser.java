package org.mailroom.auth;

import org.mailroom.store.EmailAddress;

/** Who a session logged in as. */
public record AuthenticatedUser(long accountId, EmailAddress address) {
}
