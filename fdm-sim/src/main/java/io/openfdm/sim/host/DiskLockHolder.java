package io.openfdm.sim.host;

import io.openfdm.core.model.HostId;
import io.openfdm.core.model.VmId;

import java.util.Optional;

/**
 * Who holds the simulated VMFS lock on a VM's files, as another host asking to register or power
 * it on would find it (the cluster answers; see its {@code DiskLocks}).
 */
@FunctionalInterface
public interface DiskLockHolder {
    /**
     * @param requester the host that wants to register or power on {@code vm}
     * @return the other host whose running copy of {@code vm} holds the lock now, or empty when the
     *         files are free (nobody else runs it, or its host cannot reach the home datastore)
     */
    Optional<HostId> holder(HostId requester, VmId vm);

    /** No locks at all: every request is free (hosts built outside a cluster, unit tests). */
    DiskLockHolder NONE = (requester, vm) -> Optional.empty();
}
