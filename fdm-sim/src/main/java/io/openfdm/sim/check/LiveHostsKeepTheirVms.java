package io.openfdm.sim.check;

import io.openfdm.core.config.IsolationResponse;
import io.openfdm.core.model.HostId;
import io.openfdm.core.model.VmId;
import io.openfdm.hostd.sim.SimulatedHypervisor;
import io.openfdm.sim.cluster.SimCluster;
import io.openfdm.sim.host.SimHost;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Safety under isolation and partition with the isolation response "leave powered on"
 * ({@link IsolationResponse#NONE}), after every event: a VM powered on on a host keeps running
 * there for as long as that host stays powered on, whether the host is isolated, partitioned,
 * cut from storage or has lost its agent. HA only ever restarts VMs of hosts that are really
 * down (VMware: "Leave powered on" keeps the VMs of an isolated host running; the master restarts
 * nothing of a host whose datastore heartbeat is alive). Together with {@link NoVmRunsTwice}
 * (a restart of a still-running VM would run it twice) this is the whole "nothing of a merely
 * isolated or partitioned host is restarted" rule. A VM that lost its disk lock while its host
 * could not reach its home datastore (the cluster's {@code DiskLocks}) is not HA's doing and is
 * exempt. Clusters with another isolation response are not checked.
 */
public final class LiveHostsKeepTheirVms implements Invariant {
    private final Map<HostId, SimulatedHypervisor> instance = new HashMap<>();
    private final Map<HostId, Set<VmId>> running = new HashMap<>();

    @Override
    public void check(SimCluster cluster) {
        if (cluster.config().haPolicy().isolationResponse() != IsolationResponse.NONE) {
            return;
        }
        for (SimHost host : cluster.hosts()) {
            SimulatedHypervisor h = host.hypervisor().orElse(null);
            List<VmId> on = cluster.running().get(host.id());
            Set<VmId> before = running.get(host.id());
            if (h != null && instance.get(host.id()) == h && before.size() == on.size() && before.containsAll(on)) {
                continue;
            }
            Set<VmId> now = new HashSet<>(on);
            if (h == null || instance.get(host.id()) != h) {
                instance.put(host.id(), h);
                running.put(host.id(), now);
                continue;
            }
            List<VmId> lostLocks = host.takeLostLocks();
            for (VmId vm : running.get(host.id())) {
                if (!now.contains(vm) && !lostLocks.contains(vm)) {
                    throw new InvariantViolation(vm + " stopped running on " + host.id()
                            + " while the host stayed powered on (isolation response 'leave powered on')");
                }
            }
            running.put(host.id(), now);
        }
    }
}
