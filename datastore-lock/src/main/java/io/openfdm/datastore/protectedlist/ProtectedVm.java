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
 * @param restartAttempts restart attempts made for the VM's current failure, >= 0 (0: none, or the
 *                      VM runs again); a new master continues counting from here
 * @param lastRestartError the error of the last failed attempt, "" when none (never null)
 * @param nextRestartAttemptWallMs wall-clock ms (Unix epoch) when the next attempt is due after a
 *                      failed one, 0 when none is scheduled; wall clock because monotonic clocks of
 *                      different hosts are not comparable. A file without these three fields (an
 *                      older writer) reads as 0, "" and 0
 */
public record ProtectedVm(VmId vm, String name, String homeDatastore, int cpuMhz, int memoryMb,
                          RestartPriority priority, HostId host, long hostBoot, HostId restartTarget,
                          Integer restartAttempts, String lastRestartError, Long nextRestartAttemptWallMs) {
    public ProtectedVm {
        // Boxed so that an older file without these fields binds: absent reads as none.
        restartAttempts = restartAttempts == null ? 0 : restartAttempts;
        lastRestartError = lastRestartError == null ? "" : lastRestartError;
        nextRestartAttemptWallMs = nextRestartAttemptWallMs == null ? 0L : nextRestartAttemptWallMs;
        if (restartAttempts < 0 || nextRestartAttemptWallMs < 0) {
            throw new IllegalArgumentException("restartAttempts and nextRestartAttemptWallMs must be >= 0");
        }
        Objects.requireNonNull(vm, "vm");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(homeDatastore, "homeDatastore");
        Objects.requireNonNull(priority, "priority");
        if (cpuMhz < 0 || memoryMb < 0) {
            throw new IllegalArgumentException("reservations must be >= 0");
        }
    }

    /** An entry with no restart history. */
    public ProtectedVm(VmId vm, String name, String homeDatastore, int cpuMhz, int memoryMb,
                       RestartPriority priority, HostId host, long hostBoot, HostId restartTarget) {
        this(vm, name, homeDatastore, cpuMhz, memoryMb, priority, host, hostBoot, restartTarget, 0, "", 0L);
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
        return new ProtectedVm(vm, name, homeDatastore, cpuMhz, memoryMb, priority, newHost, newHostBoot, restartTarget,
                restartAttempts, lastRestartError, nextRestartAttemptWallMs);
    }

    /** The same entry with another restart target (null: none). */
    public ProtectedVm withRestartTarget(HostId target) {
        return new ProtectedVm(vm, name, homeDatastore, cpuMhz, memoryMb, priority, host, hostBoot, target,
                restartAttempts, lastRestartError, nextRestartAttemptWallMs);
    }

    /**
     * The same entry with another restart history.
     *
     * @param attempts   attempts made, >= 0
     * @param error      last error, "" for none
     * @param nextWallMs wall-clock ms of the next attempt, 0 for none
     */
    public ProtectedVm withRestartHistory(int attempts, String error, long nextWallMs) {
        return new ProtectedVm(vm, name, homeDatastore, cpuMhz, memoryMb, priority, host, hostBoot, restartTarget,
                attempts, error, nextWallMs);
    }

    /** The same entry without restart history (the VM runs again). */
    public ProtectedVm withoutRestartHistory() {
        return withRestartHistory(0, "", 0L);
    }

    /** The VM as a power-on request carries it (powered on, as it ran). */
    public VmInfo toVmInfo() {
        return new VmInfo(vm, name, homeDatastore, PowerState.POWERED_ON, cpuMhz, memoryMb, priority);
    }
}
