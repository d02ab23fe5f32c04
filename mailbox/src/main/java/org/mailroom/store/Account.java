package org.mailroom.store;

/** A local user: the address that logs in and receives mail, and its limits. */
public record Account(long id, EmailAddress address, boolean enabled, Quota quota) {
}
