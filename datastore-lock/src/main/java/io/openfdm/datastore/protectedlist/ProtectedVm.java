package io.openfdm.datastore.protectedlist;

import io.openfdm.core.model.HostId;
import io.openfdm.core.model.PowerState;
import io.openfdm.core.model.RestartPriority;
import io.openfdm.core.model.VmId;
import io.openfdm.core.model.VmInfo;

import java.util.Objects;

/**
 * One entry of a protectedlist: a VM the lease holder will restart if its host fails. VMware's
 * protectedlist likewise records each protected VM with its CPU reservation and memory overhead
 * (vSphere HA Deepdive).
 *
 * @param vm            the VM's MOID
 * @param name          display name
 * @param homeDatastore datastore holding the VM's configuration
 * @param cpuMhz        CPU reservation in MHz, >= 0
 * @param memoryMb      memory reservation in MiB, >= 0
 * @param priority      restart priority
 * @param host          host last known to run (or to have registered) the VM, or null if none
 * @param hostBoot      boot id of {@code host} when it was last seen running the VM (0: unknown);
 *                      a VM found powered off on a host whose boot id has changed since went down
 *                      with the host and is restarted, not unprotected
 * @param restartTarget host a master has asked (or is about to ask) to power the VM on, written
 *                      before the request is sent, or null: a new master that finds it waits for
 *                      that host's report instead of restarting the VM a second time
 */
public record ProtectedVm(VmId vm, String name, String homeDatastore, int cpuMhz, int memoryMb,
                          RestartPriority priority, HostId host, long hostBoot, HostId restartTarget) {
    public ProtectedVm {
        Objects.requireNonNull(vm, "vm");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(homeDatastore, "homeDatastore");
        Objects.requireNonNull(priority, "priority");
        if (cpuMhz < 0 || memoryMb < 0) {
            throw new IllegalArgumentException("reservations must be >= 0");
        }
    }

    /**
     * The entry for a VM a host reports powered on.
     *
     * @param priorityOverride the cluster's per-VM override, or null to keep the VM's own
     * @param hostBoot         the reporting host's boot id
     */
    public static ProtectedVm of(VmInfo info, RestartPriority priorityOverride, HostId host, long hostBoot) {
        return new ProtectedVm(info.id(), info.name(), info.homeDatastore(), info.cpuMhz(), info.memoryMb(),
                priorityOverride == null ? info.priority() : priorityOverride, host, hostBoot, null);
    }

    /** The same entry on another host (or null for none). */
    public ProtectedVm withHost(HostId newHost, long newHostBoot) {
        return new ProtectedVm(vm, name, homeDatastore, cpuMhz, memoryMb, priority, newHost, newHostBoot, restartTarget);
    }

    /** The same entry with another restart target (null: none). */
    public ProtectedVm withRestartTarget(HostId target) {
        return new ProtectedVm(vm, name, homeDatastore, cpuMhz, memoryMb, priority, host, hostBoot, target);
    }

    /** The VM as a power-on request carries it (powered on, as it ran). */
    public VmInfo toVmInfo() {
        return new VmInfo(vm, name, homeDatastore, PowerState.POWERED_ON, cpuMhz, memoryMb, priority);
    }
}
