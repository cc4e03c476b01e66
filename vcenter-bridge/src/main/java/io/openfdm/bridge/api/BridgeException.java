package io.openfdm.bridge.api;

/**
 * A request the bridge cannot serve. The JSON API maps {@link Kind} to an HTTP status:
 * {@code NOT_FOUND} 404, {@code INVALID} 400, {@code UNAVAILABLE} 503 (vCenter not reachable).
 */
public final class BridgeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why the request failed. */
    public enum Kind { NOT_FOUND, INVALID, UNAVAILABLE }

    private final Kind kind;

    public BridgeException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public BridgeException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
