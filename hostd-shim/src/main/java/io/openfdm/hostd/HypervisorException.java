package io.openfdm.hostd;

import io.openfdm.core.model.VmId;

/** A hypervisor call failed; the message says which VM and why. */
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

    public VmId vm() {
        return vm;
    }
}
