package org.mailroom.imap.session;

import org.mailroom.store.StoreException;

/** The one place where store failures become IMAP response codes (STYLE.md §11, RFC 5530). */
public final class StoreErrors {

    private StoreErrors() {
    }

    public static Completion toReply(StoreException e) {
        return Completion.no(switch (e.error()) {
            case NOT_FOUND -> "[NONEXISTENT] No such mailbox";
            case ALREADY_EXISTS -> "[ALREADYEXISTS] Mailbox already exists";
            case OVER_QUOTA -> "[OVERQUOTA] Quota exceeded";
            case EXPUNGED -> "[EXPUNGEISSUED] Some of the requested messages no longer exist";
            case NOT_ALLOWED -> "[CANNOT] " + safe(e.getMessage());
            case IN_USE -> "[INUSE] Mailbox in use, try again later";
            case TEMPORARILY_UNAVAILABLE -> "[UNAVAILABLE] Temporary failure, try again later";
        });
    }

    /** The store's NOT_ALLOWED messages are written for users ("INBOX cannot be deleted"). */
    private static String safe(String message) {
        return message == null || message.isEmpty() ? "Operation not allowed" : capitalised(message);
    }

    private static String capitalised(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
