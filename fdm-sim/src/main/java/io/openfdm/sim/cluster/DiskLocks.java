package io.openfdm.sim.cluster;

import io.openfdm.core.env.DatastoreIoException;
import io.openfdm.core.model.HostId;
import io.openfdm.core.model.VmId;
import io.openfdm.datastore.HaPaths;
import io.openfdm.hostd.sim.VmConfig;
import io.openfdm.hostd.sim.VmConfigFormat;
import io.openfdm.sim.host.SimHost;
import io.openfdm.sim.scenario.ClusterDescription.VmDescription;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The part of VMFS's on-disk locking the simulator models: a running VM holds the lock of its
 * files only while its host reaches the VM's home datastore. A host that loses the datastore
 * keeps the VM process (a zombie without disks); if another host has powered the VM on
 * meanwhile, the zombie finds its lock taken when the path comes back, and its hypervisor powers
 * it off (ESXi: "the VM lost its lock", and vSphere HA's VM Component Protection for APD/PDL).
 * While the holder reaches the datastore, another host's register or power-on of the VM fails
 * ({@link #holder}, enforced by each host's {@code VmfsLockedHypervisor}): that is the storage-side
 * fence vSphere HA relies on when a master cannot tell a dead host from one that is partitioned and
 * was briefly cut from its heartbeat datastores. Real VMFS also keeps a lost host's lock for a lease
 * (its heartbeat timeout) before another host may break it; the model breaks it at once, which only
 * makes restarts sooner, never less safe, because the regained zombie is powered off above.
 */
final class DiskLocks {
    private DiskLocks() {
    }

    /**
     * The host whose running copy of {@code vm} holds its lock against {@code requester}: a powered
     * host other than {@code requester} that runs {@code vm} and reaches its home datastore.
     */
    static Optional<HostId> holder(SimCluster cluster, HostId requester, VmId vm) {
        String home = cluster.description().vm(vm).map(VmDescription::datastore).orElse(null);
        if (home == null) {
            return Optional.empty();
        }
        for (SimHost other : cluster.hosts()) {
            if (!other.id().equals(requester) && cluster.datastores().reaches(other.id(), home)
                    && other.poweredOnVms().contains(vm)) {
                return Optional.of(other.id());
            }
        }
        return Optional.empty();
    }

    /** The host the VM's configuration names now, as {@code reader} reads it; empty if unreadable. */
    private static Optional<HostId> registeredHost(SimCluster cluster, HostId reader, String datastore, VmId vm) {
        try {
            return cluster.datastores().view(reader).read(datastore, HaPaths.vmConfig(vm))
                    .map(VmConfigFormat::parse).map(VmConfig::registeredHost);
        } catch (DatastoreIoException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * {@code host} reaches {@code datastore} again: power off its VMs homed there that another
     * host runs, or has registered meanwhile (the VM's configuration names it now): that host took
     * the lock while this one could not renew it, so the zombie's copy lost it (the simulated
     * hypervisor would also drop it at its next refresh).
     */
    static void regained(SimCluster cluster, HostId host, String datastore) {
        SimHost zombieHost = cluster.host(host);
        if (zombieHost.hypervisor().isEmpty()) {
            return;
        }
        List<VmId> lost = new ArrayList<>();
        for (VmId vm : zombieHost.poweredOnVms()) {
            String home = cluster.description().vm(vm).map(VmDescription::datastore).orElse(null);
            if (!datastore.equals(home)) {
                continue;
            }
            Optional<HostId> registeredOn = registeredHost(cluster, host, datastore, vm);
            for (SimHost other : cluster.hosts()) {
                // running there, or registered there since: that host took the lock while this one
                // was away, whether or not it reaches the datastore now (random tier seed 14305)
                if (!other.id().equals(host)
                        && (other.poweredOnVms().contains(vm) || registeredOn.filter(other.id()::equals).isPresent())) {
                    lost.add(vm);
                    break;
                }
            }
        }
        for (VmId vm : lost) {
            zombieHost.hypervisor().get().powerOff(vm);
            zombieHost.lostLock(vm);
            cluster.timeline().command(cluster.nowMs(), "(vmfs: " + vm + " lost its lock on " + datastore
                    + " while " + host + " could not reach it; " + host + " powers it off)");
        }
    }
}
