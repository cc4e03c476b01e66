package io.openfdm.core.model;

/**
 * A VM's guest heartbeat status as the hypervisor reports it: vSphere's
 * {@code VirtualMachine.guestHeartbeatStatus} ({@code ManagedEntityStatus}: gray, green, yellow,
 * red). GRAY means no heartbeat is known (no guest tools, or the VM is off); GREEN means the guest
 * sends heartbeats; RED means heartbeats have stopped. VM monitoring and the "guest heartbeat"
 * readiness condition of restart priorities read it.
 */
public enum GuestHeartbeat {
    GRAY,
    GREEN,
    YELLOW,
    RED
}
