package io.openfdm.core.wire;

import io.openfdm.core.model.VmInfo;

/**
 * The master asks a slave to register (if needed) and power on a VM of a failed host.
 *
 * <p>The slave acts only if the sender is its master and the lease on the VM's home datastore is
 * still held by the sender with {@code leaseGeneration} (read from the lease file at that moment):
 * a deposed master's late request is refused, so a VM never runs twice. Idempotent: a VM already
 * powered on here is answered with success.
 *
 * @param requestId       unique per master, echoed in the result
 * @param vm              the VM as recorded in the protectedlist
 * @param leaseGeneration the fencing generation of the master's lease on the home datastore
 * @param powerOn         false for a VM with restart priority disabled: register only
 */
public record PowerOnRequest(long requestId, VmInfo vm, long leaseGeneration, boolean powerOn) implements Message {
    public static final int TYPE = 5;

    @Override
    public int typeCode() {
        return TYPE;
    }
}
