package io.openfdm.sim.check;

import io.openfdm.core.config.ClusterConfig;
import io.openfdm.core.config.IsolationPolicy;
import io.openfdm.core.config.IsolationResponse;
import io.openfdm.core.config.RestartPolicy;
import io.openfdm.core.config.Timing;
import io.openfdm.core.model.Role;
import io.openfdm.core.model.RestartPriority;
import io.openfdm.core.model.HostId;
import io.openfdm.core.model.VmId;
import io.openfdm.hostd.sim.SimulatedHypervisor;
import io.openfdm.sim.cluster.SimCluster;
import io.openfdm.sim.host.SimHost;
import io.openfdm.sim.scenario.ClusterDescription.VmDescription;
import io.openfdm.sim.scenario.RandomSchedule;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Liveness with a bound, after every event: a protected VM (restart priority not
 * {@code disabled}) that runs nowhere must run again within {@link #boundMs(ClusterConfig)} of the
 * moment all of these became (and stayed) true:
 * <ul>
 *   <li>the world is {@link Calm} (no active fault; dead hosts stay dead);</li>
 *   <li>a live master {@code mayAct} on the VM's home datastore (it holds the lease);</li>
 *   <li>capacity exists: the live hosts have the CPU and memory for every protected VM
 *       ({@link ProtectedVmsRunOnce#applies}).</li>
 * </ul>
 * In the random tier nothing but a host failure stops a VM, so a VM that runs nowhere is a VM of
 * a dead host. VMs whose home datastore's protectedlist was torn ({@code tear}, storage damage
 * outside the {@code writeAtomic} contract) are exempt: the master rebuilds the list from live
 * hosts' reports and cannot know the VMs of hosts that are down then. The clock restarts whenever one of the conditions breaks.
 *
 * <p>The bound, from {@link Timing} and the retry schedule of the {@link RestartPolicy} (the random
 * tier's {@link io.openfdm.sim.scenario.RandomSchedule#RESTART_POLICY}, in parentheses with the
 * default timers):
 * {@code hostFailureTimeoutMs + datastoreHeartbeatTimeoutMs} (4 s) to declare the host dead, counted
 * from the start of the window because the master may have heard the host until then,
 * {@code + electionWindowMs} (2 s) for every connected slave's first inventory report to a new
 * master, {@code + powerOnTimeoutMs} (3 s) for one lost or refused request to be answered or
 * re-sent, {@code + attemptScheduleMs[2]} (3 s) for the first two retries of a power-on that
 * fails, {@code + 2 x leaseRenewIntervalMs} (1 s) for the protectedlist to be loaded and the
 * restart target written: 13 s with default timing, 5.8 s with aggressive timing and its own
 * schedule. With VMware's schedule (T0, T2m, T6m) the bound is 6 minutes longer: a bounded run
 * must use a short schedule.
 *
 * <p><b>Isolated hosts and stopped agents.</b> A host whose cables are pulled ({@code network h off})
 * or whose agent is stopped while it runs its VMs does not break the calm for this check
 * ({@link Calm#apartFromIsolatedHostsAndStoppedAgents}): the rest of the cluster must restart dead
 * hosts' VMs as usual. Under the isolation responses "power off" and
 * "shut down", a protected VM that runs on an isolated host (powered on, agent running, cut off)
 * is also owed a restart <em>elsewhere</em>, within {@link #isolationResponseBoundMs(ClusterConfig)}
 * of the moment all of these became and stayed true: the rest of the world is calm, the host is
 * isolated with the same agent, and a live master other than that host {@code mayAct} on the VM's
 * home datastore (so the response is not held back by its gate); VMs whose own response
 * ({@code vmOverrides}) is "leave powered on", or that are not protected, are never owed. That bound adds to the bound
 * above the time the host needs to declare itself isolated ({@code masterFailureTimeoutMs +
 * electionWindowMs}, 4 s, plus one second for its pings), the policy delay stretched by the
 * largest clock drift (30 s / 0.95) and, under "shut down", the guest's shutdown or the shutdown
 * timeout, whichever is shorter: 49.6 s with the defaults and "power off". The VM is then running
 * nowhere for a moment, which the ordinary bound covers from that moment too.
 */
public final class RestartWithinBound implements Invariant {
    private final Map<VmId, Long> owedSinceMs = new HashMap<>();
    /** VMs on an isolated host under a power-off/shut-down response: owed a restart elsewhere since. */
    private final Map<VmId, Long> owedElsewhereSinceMs = new HashMap<>();
    /** The agent (by boot id) and hypervisor of each host the last time it was seen isolated. */
    private final Map<HostId, Object> isolatedIncarnation = new HashMap<>();
    private long longestMs;

    /** The liveness bound for {@code config}'s timers and retry schedule, milliseconds (see the class comment). */
    public static long boundMs(ClusterConfig config) {
        return boundMs(config.timing(), config.restartPolicy());
    }

    /** The liveness bound for {@code timing} and {@code policy}'s retry schedule, milliseconds. */
    public static long boundMs(Timing timing, RestartPolicy policy) {
        List<Long> schedule = policy.attemptScheduleMs();
        return timing.hostFailureTimeoutMs() + timing.datastoreHeartbeatTimeoutMs() + timing.electionWindowMs()
                + timing.powerOnTimeoutMs() + schedule.get(Math.min(2, schedule.size() - 1))
                + 2 * timing.leaseRenewIntervalMs();
    }

    /**
     * How long a protected VM of an isolated host may run there and nowhere else under the
     * isolation response "power off" or "shut down" (see the class comment), milliseconds; 0 for
     * "leave powered on" (never owed).
     */
    public static long isolationResponseBoundMs(ClusterConfig config) {
        IsolationResponse response = config.haPolicy().isolationResponse();
        if (response == IsolationResponse.NONE) {
            return 0;
        }
        Timing t = config.timing();
        IsolationPolicy iso = config.haPolicy().isolation();
        long detectMs = t.masterFailureTimeoutMs() + t.electionWindowMs() + 1_000;
        long delayMs = (long) Math.ceil(iso.policyDelayMs() / (1 - RandomSchedule.MAX_DRIFT_PERCENT / 100));
        long shutdownMs = response == IsolationResponse.SHUTDOWN
                ? Math.min(SimulatedHypervisor.DEFAULT_GUEST_SHUTDOWN_MS, iso.shutdownTimeoutMs()) : 0;
        return detectMs + delayMs + shutdownMs + boundMs(config);
    }

    /** The longest time a VM was owed a restart so far in this run, milliseconds. */
    public long longestMs() {
        return longestMs;
    }

    @Override
    public void check(SimCluster cluster) {
        long now = cluster.nowMs();
        boolean preconditions = Calm.apartFromIsolatedHostsAndStoppedAgents(cluster) && ProtectedVmsRunOnce.applies(cluster);
        if (!preconditions) {
            owedSinceMs.clear();
            owedElsewhereSinceMs.clear();
            return;
        }
        Set<VmId> running = new HashSet<>();
        List<SimHost> masters = cluster.hosts().stream()
                .filter(h -> h.live() && h.node().role() == Role.MASTER).toList();
        for (List<VmId> on : cluster.running().values()) {
            running.addAll(on);
        }
        checkIsolationResponses(cluster, masters, now);
        long bound = boundMs(cluster.config());
        for (VmDescription vm : cluster.description().vms()) {
            boolean owed = vm.priority() != RestartPriority.DISABLED && !running.contains(vm.id())
                    && !cluster.damagedProtectedLists().contains(vm.datastore())
                    && masters.stream().anyMatch(m -> m.node().mayAct(vm.datastore(), m.nowMs()));
            if (!owed) {
                owedSinceMs.remove(vm.id());
                continue;
            }
            long since = owedSinceMs.computeIfAbsent(vm.id(), v -> now);
            longestMs = Math.max(longestMs, now - since);
            if (now - since > bound) {
                throw new InvariantViolation(vm.id() + " (home " + vm.datastore() + ") has run nowhere for "
                        + (now - since) + " ms since the cluster became calm with a master holding its datastore"
                        + " and capacity for it: more than the bound of " + bound + " ms");
            }
        }
    }

    /** The second rule of the class comment: an isolated host's VMs run elsewhere in time. */
    private void checkIsolationResponses(SimCluster cluster, List<SimHost> masters, long now) {
        long bound = isolationResponseBoundMs(cluster.config());
        if (bound == 0) {
            return;
        }
        Set<VmId> stillOwed = new HashSet<>();
        for (SimHost host : cluster.hosts()) {
            if (!host.live() || !cluster.network().isCut(host.id())) {
                isolatedIncarnation.remove(host.id());
                continue;
            }
            Object incarnation = List.of(host.agentBootId(), host.hypervisor().orElseThrow());
            if (!incarnation.equals(isolatedIncarnation.put(host.id(), incarnation))) {
                // a new agent (or a new boot) detects isolation afresh
                owedElsewhereSinceMs.keySet().removeAll(cluster.running().get(host.id()));
            }
            for (VmId vm : cluster.running().get(host.id())) {
                VmDescription d = cluster.description().vm(vm).orElse(null);
                if (d == null || d.priority() == RestartPriority.DISABLED || leftPoweredOn(cluster.config(), vm)
                        || cluster.damagedProtectedLists().contains(d.datastore())
                        || masters.stream().noneMatch(m -> !m.id().equals(host.id()) && m.node().mayAct(d.datastore(), m.nowMs()))
                        || runsElsewhere(cluster, vm, host.id())) {
                    continue;
                }
                stillOwed.add(vm);
                long since = owedElsewhereSinceMs.computeIfAbsent(vm, v -> now);
                if (now - since > bound) {
                    throw new InvariantViolation(vm + " (home " + d.datastore() + ") still runs only on the isolated host "
                            + host.id() + " " + (now - since) + " ms after the rest of the cluster became calm with a master"
                            + " holding its datastore: more than the isolation response bound of " + bound + " ms (response '"
                            + cluster.config().haPolicy().isolationResponse().wireName() + "')");
                }
            }
        }
        owedElsewhereSinceMs.keySet().retainAll(stillOwed);
    }

    /** The VM's own isolation response is "leave powered on", or it is not protected (always left on). */
    private static boolean leftPoweredOn(ClusterConfig config, VmId vm) {
        return config.override(vm).map(o -> !o.protect() || o.isolationResponse() == IsolationResponse.NONE).orElse(false);
    }

    private static boolean runsElsewhere(SimCluster cluster, VmId vm, HostId host) {
        for (Map.Entry<HostId, List<VmId>> e : cluster.running().entrySet()) {
            if (!e.getKey().equals(host) && e.getValue().contains(vm)) {
                return true;
            }
        }
        return false;
    }
}
