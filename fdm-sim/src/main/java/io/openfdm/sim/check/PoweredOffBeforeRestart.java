package io.openfdm.sim.check;

import io.openfdm.core.config.IsolationResponse;
import io.openfdm.core.model.HostId;
import io.openfdm.core.model.VmId;
import io.openfdm.datastore.HaPaths;
import io.openfdm.datastore.file.Result;
import io.openfdm.datastore.poweron.PoweredOffMarker;
import io.openfdm.hostd.sim.SimulatedHypervisor;
import io.openfdm.sim.cluster.SimCluster;
import io.openfdm.sim.host.SimHost;
import io.openfdm.sim.scenario.RandomSchedule;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Safety under the isolation responses "power off" and "shut down"
 * ({@link IsolationResponse#POWER_OFF}, {@link IsolationResponse#SHUTDOWN}), after every event; the
 * counterpart of {@link LiveHostsKeepTheirVms}, which covers "leave powered on":
 * <ol>
 *   <li>a VM stops running on a host that stays powered on only as that host's isolation
 *       response: the host's agent declared itself isolated during this power-on of the host, at
 *       least the policy delay ({@code ha.isolation.policyDelayMs}, less the largest clock drift
 *       of {@value RandomSchedule#MAX_DRIFT_PERCENT} %) before. A partitioned host, a host cut
 *       from storage, or a host whose agent is down keeps its VMs;</li>
 *   <li>while that host stays powered on, the VM starts on another host only once HA's
 *       poweredoff marker for it, naming that host, is on a datastore: the master restarts only
 *       VMs that HA itself powered off, and learns it from the marker (VMware [DD]; this
 *       project's marker protocol, docs/failure-semantics/isolation.md rule 8 and hoststate.md).</li>
 * </ol>
 * Together with {@link NoVmRunsTwice} this is "a VM of an isolated host is restarted elsewhere
 * only after it was powered off there". A VM that lost its disk lock (the cluster's
 * {@code DiskLocks}) is exempt, as in {@link LiveHostsKeepTheirVms}; this checker and that one
 * both take the host's lost locks, and only one of them applies to a cluster. A host that powers
 * off (crash or shutdown) starts afresh: its VMs are gone, and HA restarts them as a dead host's.
 * Clusters with the response "leave powered on" are not checked.
 */
public final class PoweredOffBeforeRestart implements Invariant {
    private final Map<HostId, SimulatedHypervisor> instance = new HashMap<>();
    private final Map<HostId, Set<VmId>> running = new HashMap<>();
    /** The first moment the host's agent was seen isolated during the current power-on, virtual ms. */
    private final Map<HostId, Long> isolatedSinceMs = new HashMap<>();
    /** VMs the isolation response powered off, with their host, while that host stays powered on. */
    private final Map<VmId, HostId> poweredOffByHa = new HashMap<>();

    @Override
    public void check(SimCluster cluster) {
        if (cluster.config().haPolicy().isolationResponse() == IsolationResponse.NONE) {
            return;
        }
        long now = cluster.nowMs();
        long minDelayMs = (long) (cluster.config().haPolicy().isolation().policyDelayMs()
                * (1 - RandomSchedule.MAX_DRIFT_PERCENT / 100));
        for (SimHost host : cluster.hosts()) {
            SimulatedHypervisor h = host.hypervisor().orElse(null);
            if (h == null || instance.get(host.id()) != h) {
                instance.put(host.id(), h);
                running.put(host.id(), new HashSet<>(cluster.running().get(host.id())));
                isolatedSinceMs.remove(host.id());
                poweredOffByHa.values().removeIf(host.id()::equals);
                continue;
            }
            if (host.live() && host.node().isolated()) {
                isolatedSinceMs.putIfAbsent(host.id(), now);
            }
            List<VmId> on = cluster.running().get(host.id());
            Set<VmId> before = running.get(host.id());
            if (before.size() == on.size() && before.containsAll(on)) {
                continue;
            }
            Set<VmId> now1 = new HashSet<>(on);
            List<VmId> lostLocks = host.takeLostLocks();
            for (VmId vm : before) {
                if (now1.contains(vm) || lostLocks.contains(vm)) {
                    continue;
                }
                Long since = isolatedSinceMs.get(host.id());
                if (since == null) {
                    throw new InvariantViolation(vm + " stopped running on " + host.id()
                            + " while the host stayed powered on and was never isolated (isolation response '"
                            + cluster.config().haPolicy().isolationResponse().wireName() + "')");
                }
                if (now - since < minDelayMs) {
                    throw new InvariantViolation(vm + " stopped running on " + host.id() + " " + (now - since)
                            + " ms after the host was seen isolated: before the isolation policy delay, so not its"
                            + " isolation response");
                }
                poweredOffByHa.put(vm, host.id());
            }
            for (VmId vm : now1) {
                if (before.contains(vm)) {
                    continue;
                }
                HostId off = poweredOffByHa.remove(vm);
                if (off != null && !off.equals(host.id()) && !hasMarker(cluster, vm, off)) {
                    throw new InvariantViolation(vm + " started on " + host.id() + " after the isolation response of "
                            + off + " powered it off there, but no poweredoff marker of " + off + " for it exists");
                }
            }
            running.put(host.id(), now1);
        }
    }

    private static boolean hasMarker(SimCluster cluster, VmId vm, HostId by) {
        String path = HaPaths.poweredOffMarker(cluster.config().clusterId(), vm);
        for (String ds : cluster.description().datastores()) {
            var raw = cluster.datastores().peek(ds, path);
            if (raw.isPresent() && PoweredOffMarker.CODEC.decode(raw.get()) instanceof Result.Valid<PoweredOffMarker> v
                    && v.value().vm().equals(vm) && v.value().host().equals(by)) {
                return true;
            }
        }
        return false;
    }
}
