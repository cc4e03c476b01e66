package io.openfdm.master.admission;

import io.openfdm.core.model.HostId;

/**
 * One host as admission control counts it.
 *
 * @param host     MOID
 * @param cpuMhz   CPU capacity for VM reservations, MHz (the configuration's {@code HostSpec.cpuMhz})
 * @param memoryMb memory capacity for VM reservations, MiB ({@code HostSpec.memoryMb})
 * @param live     whether the host can take VMs now: connected to the master, or the master
 */
public record HostCapacity(HostId host, long cpuMhz, long memoryMb, boolean live) {
}
