package io.openfdm.core.wire;

import io.openfdm.core.model.VmId;

/**
 * A slave's answer to a {@link PowerOnRequest}.
 *
 * @param requestId the request's id
 * @param vm        the VM
 * @param success   true when the VM is now powered on (or registered, for a register-only request)
 * @param error     why it failed, empty on success
 */
public record PowerOnResult(long requestId, VmId vm, boolean success, String error) implements Message {
    public static final int TYPE = 6;

    public static PowerOnResult ok(long requestId, VmId vm) {
        return new PowerOnResult(requestId, vm, true, "");
    }

    public static PowerOnResult failed(long requestId, VmId vm, String error) {
        return new PowerOnResult(requestId, vm, false, error);
    }

    @Override
    public int typeCode() {
        return TYPE;
    }
}
