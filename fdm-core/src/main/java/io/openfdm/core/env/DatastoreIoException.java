package io.openfdm.core.env;

/** A datastore could not be read or written: unmounted, missing directory, I/O error. */
public final class DatastoreIoException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String datastore;

    public DatastoreIoException(String datastore, String message, Throwable cause) {
        super(datastore + ": " + message, cause);
        this.datastore = datastore;
    }

    public DatastoreIoException(String datastore, String message) {
        this(datastore, message, null);
    }

    public String datastore() {
        return datastore;
    }
}
