package io.openfdm.bridge.vcenter;

/** vCenter refused the user name or password ({@code InvalidLogin}). */
public final class VcenterLoginException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public VcenterLoginException(String message, Throwable cause) {
        super(message, cause);
    }
}
