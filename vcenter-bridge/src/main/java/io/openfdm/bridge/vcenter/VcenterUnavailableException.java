package io.openfdm.bridge.vcenter;

/** vCenter could not be reached or stopped answering; the call may succeed later. */
public final class VcenterUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public VcenterUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
