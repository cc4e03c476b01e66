package io.openfdm.sim.check;

import io.openfdm.core.model.HostId;
import io.openfdm.core.model.Role;
import io.openfdm.core.model.VmId;
import io.openfdm.datastore.HaPaths;
import io.openfdm.datastore.file.Result;
import io.openfdm.datastore.lease.LeaseRecord;
import io.openfdm.hostd.sim.SimulatedHypervisor;
import io.openfdm.sim.cluster.SimCluster;
import io.openfdm.sim.host.SimHost;
import io.openfdm.sim.scenario.ClusterDescription.VmDescription;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * No power-on is accepted from a stale lease generation, after every event. Every VM that starts
 * running on a host during a step of its agent (not at boot) must have been asked for by the
 * current lease holder of its home datastore:
 * <ul>
 *   <li>if the step handled a power-on request for the VM from master {@code m} at generation
 *       {@code g}, the lease file of the VM's home datastore names {@code m} at generation
 *       {@code g} at that instant;</li>
 *   <li>otherwise the host restarted the VM for itself as master: it is a live master that
 *       {@code mayAct} on the datastore, and the lease file names it.</li>
 * </ul>
 */
public final class PowerOnsFenced implements Invariant {
    private final Map<HostId, SimulatedHypervisor> instance = new HashMap<>();
    private final Map<HostId, Set<VmId>> running = new HashMap<>();

    @Override
    public void check(SimCluster cluster) {
        String leasePath = HaPaths.protectedListLease(cluster.config().clusterId());
        for (SimHost host : cluster.hosts()) {
            SimulatedHypervisor h = host.hypervisor().orElse(null);
            List<VmId> on = cluster.running().get(host.id());
            Set<VmId> known = running.get(host.id());
            if (h != null && instance.get(host.id()) == h && known.size() == on.size() && known.containsAll(on)) {
                continue;
            }
            Set<VmId> now = new HashSet<>(on);
            Set<VmId> before = running.put(host.id(), now);
            if (h == null || instance.get(host.id()) != h) {
                instance.put(host.id(), h);
                continue;
            }
            for (VmId vm : now) {
                if (before.contains(vm)) {
                    continue;
                }
                Optional<VmDescription> d = cluster.description().vm(vm);
                if (d.isEmpty()) {
                    continue;
                }
                String ds = d.get().datastore();
                LeaseRecord lease = cluster.datastores().peek(ds, leasePath)
                        .map(LeaseRecord.CODEC::decode)
                        .filter(r -> r instanceof Result.Valid<LeaseRecord>)
                        .map(r -> ((Result.Valid<LeaseRecord>) r).value()).orElse(null);
                var request = host.lastStepRequests().stream()
                        .filter(r -> r.request().vm().id().equals(vm)).reduce((a, b) -> b);
                if (request.isPresent()) {
                    HostId from = request.get().from();
                    long generation = request.get().request().leaseGeneration();
                    if (lease == null || !from.equals(lease.owner()) || lease.generation() != generation) {
                        throw new InvariantViolation(vm + " powered on on " + host.id() + " for " + from
                                + " at generation " + generation + " while the lease of " + ds + " is "
                                + describe(lease));
                    }
                } else if (!host.live() || host.node().role() != Role.MASTER
                        || !host.node().mayAct(ds, host.nowMs()) || lease == null || !host.id().equals(lease.owner())) {
                    throw new InvariantViolation(vm + " powered on on " + host.id() + " without a request, and "
                            + host.id() + " is not the lease holder of " + ds + " (lease " + describe(lease) + ")");
                }
            }
        }
    }

    private static String describe(LeaseRecord lease) {
        return lease == null ? "missing or corrupt"
                : lease.owner() == null ? "released at generation " + lease.generation()
                : "held by " + lease.owner() + " at generation " + lease.generation();
    }
}
