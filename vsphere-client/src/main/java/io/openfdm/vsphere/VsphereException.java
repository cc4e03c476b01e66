package io.openfdm.vsphere;

import java.util.Objects;

/**
 * A vSphere API call failed. Every failure of this module surfaces as this one exception with a
 * {@link Kind}; callers decide on the kind (retry with backoff on {@code UNREACHABLE} and
 * {@code TIMEOUT}, stop with exit status 2 on {@code AUTHENTICATION}, ...).
 *
 * <p>{@link #faultName()} is the vSphere fault type as the server sent it ({@code InvalidLogin},
 * {@code ManagedObjectNotFound}, {@code InvalidPowerState}, ...; the names of the vSphere Web
 * Services API reference, "Faults"), or empty for failures below the SOAP layer (connection
 * refused, read timeout).
 */
public final class VsphereException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What kind of failure, coarse enough to act on. */
    public enum Kind {
        /** No answer at the transport level: connection refused, unknown host, TLS handshake, reset. */
        UNREACHABLE,
        /** The server refused the credentials ({@code InvalidLogin}) or the session ({@code NotAuthenticated}, {@code NoPermission}). */
        AUTHENTICATION,
        /** A call or a task did not finish within its bound (HTTP read timeout, task wait timeout). */
        TIMEOUT,
        /** The object named does not exist ({@code ManagedObjectNotFound}, {@code NotFound}, {@code FileNotFound}). */
        NOT_FOUND,
        /** Any other vSphere fault; {@link #faultName()} names it. */
        FAULT
    }

    private final Kind kind;
    private final String faultName;

    public VsphereException(Kind kind, String faultName, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.faultName = faultName == null ? "" : faultName;
    }

    public VsphereException(Kind kind, String message) {
        this(kind, "", message, null);
    }

    public Kind kind() {
        return kind;
    }

    /** The vSphere fault type name ({@code InvalidPowerState}), or empty below the SOAP layer. */
    public String faultName() {
        return faultName;
    }

    /** True for the failures that a later retry may cure: {@code UNREACHABLE} and {@code TIMEOUT}. */
    public boolean transientFailure() {
        return kind == Kind.UNREACHABLE || kind == Kind.TIMEOUT;
    }
}
