package io.openfdm.bridge.store;

/** The bridge's database failed (cannot open, locked by another bridge, damaged). */
public final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
