package io.openfdm.sim.check;

import io.openfdm.core.config.ClusterConfig;
import io.openfdm.core.config.RestartPolicy;
import io.openfdm.core.config.Timing;
import io.openfdm.core.model.Role;
import io.openfdm.core.model.RestartPriority;
import io.openfdm.core.model.VmId;
import io.openfdm.sim.cluster.SimCluster;
import io.openfdm.sim.host.SimHost;
import io.openfdm.sim.scenario.ClusterDescription.VmDescription;

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
 */
public final class RestartWithinBound implements Invariant {
    private final Map<VmId, Long> owedSinceMs = new HashMap<>();
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

    /** The longest time a VM was owed a restart so far in this run, milliseconds. */
    public long longestMs() {
        return longestMs;
    }

    @Override
    public void check(SimCluster cluster) {
        long now = cluster.nowMs();
        boolean preconditions = Calm.now(cluster) && ProtectedVmsRunOnce.applies(cluster);
        if (!preconditions) {
            owedSinceMs.clear();
            return;
        }
        Set<VmId> running = new HashSet<>();
        List<SimHost> masters = cluster.hosts().stream()
                .filter(h -> h.live() && h.node().role() == Role.MASTER).toList();
        for (List<VmId> on : cluster.running().values()) {
            running.addAll(on);
        }
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
}
