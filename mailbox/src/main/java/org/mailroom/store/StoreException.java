package org.mailroom.store;

/** A store operation that failed for a reason the client may be told: see {@link StoreError}. */
public class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final StoreError error;

    public StoreException(StoreError error, String message) {
        super(message);
        this.error = error;
    }

    public StoreException(StoreError error, String message, Throwable cause) {
        super(message, cause);
        this.error = error;
    }

    public StoreError error() {
        return error;
    }
}
