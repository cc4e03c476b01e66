package io.openfdm.master.admission;

import io.openfdm.core.model.HostId;
import io.openfdm.core.model.VmId;

/**
 * One protected VM as admission control counts it: it needs room somewhere in the cluster.
 *
 * @param vm       MOID
 * @param host     the host it runs on, or (for a VM whose host is down) the host it ran on
 * @param cpuMhz   CPU reservation, MHz
 * @param memoryMb memory reservation, MiB
 */
public record VmDemand(VmId vm, HostId host, long cpuMhz, long memoryMb) {
}
