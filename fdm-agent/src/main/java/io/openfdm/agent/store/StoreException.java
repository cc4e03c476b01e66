package io.openfdm.agent.store;

/** The agent's local H2 database failed: cannot open (in use, corrupt, newer schema) or a statement failed. */
public final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
