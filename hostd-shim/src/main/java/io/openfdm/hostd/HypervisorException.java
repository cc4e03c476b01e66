package io.openfdm.hostd;

import io.openfdm.core.model.VmId;

/** A hypervisor call failed; the message says which VM (if the call was about one) and why. */
public final class HypervisorException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final VmId vm;

    public HypervisorException(VmId vm, String message, Throwable cause) {
        super(vm + ": " + message, cause);
        this.vm = vm;
    }

    public HypervisorException(VmId vm, String message) {
        this(vm, message, null);
    }

    /** A failure of the hypervisor as a whole (listing the inventory, reaching vCenter); {@link #vm()} is null. */
    public HypervisorException(String message, Throwable cause) {
        super(message, cause);
        this.vm = null;
    }

    /** The VM the failed call was about, or null for a failure of the hypervisor as a whole. */
    public VmId vm() {
        return vm;
    }
}
