package org.mailroom.admin;

/**
 * A command that could not do what it was asked, for a reason the administrator can act on. The
 * message is the one line printed after {@code mailroom-admin: }; the exit code is 1.
 */
public final class AdminFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AdminFailure(String message) {
        super(message);
    }
}
