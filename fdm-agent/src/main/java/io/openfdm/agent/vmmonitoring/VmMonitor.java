package io.openfdm.agent.vmmonitoring;

import io.openfdm.core.config.VmMonitoringPolicy;
import io.openfdm.core.model.GuestHeartbeat;
import io.openfdm.core.model.VmId;
import io.openfdm.core.model.VmInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * VM monitoring on one host, as a pure function: {@code (state, observation, nowMs, policy) ->
 * (state, decisions)}. The caller lists its VMs about once a second, performs the resets decided
 * here, and journals them.
 *
 * <p>Rules (after vSphere HA's VM monitoring, vSphere HA Deepdive "VM and application
 * monitoring", {@code ClusterVmToolsMonitoringSettings}; reference sheet §2):
 * <ol>
 *   <li>A VM is watched from the moment it is seen powered on; a VM seen powered off (or gone)
 *       is forgotten, with its reset count (VMware clears the reset statistics when a VM is
 *       powered off and on again).</li>
 *   <li>A guest heartbeat is present while the status is {@link GuestHeartbeat#GREEN} or
 *       {@link GuestHeartbeat#YELLOW} (intermittent); {@link GuestHeartbeat#RED} and
 *       {@link GuestHeartbeat#GRAY} mean none. A VM whose heartbeat was never present since its
 *       power-on (no guest tools) is never reset.</li>
 *   <li>Nothing is judged within {@code minUptimeMs} of the power-on or of the last reset.</li>
 *   <li>After that, a VM whose heartbeat has been absent for {@code failureIntervalMs} is reset
 *       ({@link Reset}), unless it has already been reset {@code maxResets} times within the last
 *       {@code resetWindowMs}: then it is left alone and {@link LimitReached} is said once, until
 *       a reset falls out of the window.</li>
 *   <li>A reset restarts the clock: the grace of {@code minUptimeMs} starts again, and the
 *       heartbeat is expected within {@code max(minUptimeMs, failureIntervalMs)}; a guest that
 *       never comes back is reset again then, within the limit.</li>
 * </ol>
 * VMware additionally requires no disk and no network I/O during {@code das.iostatsInterval}
 * (120 s); OpenFDM has no I/O statistics and decides on the heartbeat alone. With the policy
 * disabled nothing is decided, but VMs are still tracked, so enabling it later judges them from
 * what was seen.
 */
public final class VmMonitor {
    private VmMonitor() {
    }

    /**
     * What is known about one powered-on VM.
     *
     * @param graceStartMs    its power-on, or its last reset (monotonic ms)
     * @param lastHeartbeatMs when its heartbeat was last present (or the last reset), {@link Long#MIN_VALUE} if never
     * @param resetsMs        when it was reset, oldest first, within the window as last pruned
     * @param limitAnnounced  whether {@link LimitReached} was said for the current run of absence
     */
    public record VmState(long graceStartMs, long lastHeartbeatMs, List<Long> resetsMs, boolean limitAnnounced) {
        public VmState {
            resetsMs = List.copyOf(resetsMs);
        }
    }

    /** Every watched VM. */
    public record State(Map<VmId, VmState> vms) {
        public State {
            vms = Map.copyOf(vms);
        }

        public static State empty() {
            return new State(Map.of());
        }
    }

    /** Something the caller must do or say. */
    public sealed interface Decision permits Reset, LimitReached {
        VmId vm();
    }

    /**
     * Reset the VM now.
     *
     * @param stoppedForMs how long its heartbeat had been absent, ms
     * @param resetNumber  this reset's number within the window, from 1
     */
    public record Reset(VmId vm, long stoppedForMs, int resetNumber) implements Decision {
    }

    /**
     * The VM's heartbeat is absent but its resets in the window are used up: left alone.
     *
     * @param stoppedForMs how long its heartbeat has been absent, ms
     * @param resets       resets within the window
     */
    public record LimitReached(VmId vm, long stoppedForMs, int resets) implements Decision {
    }

    /** The next state and the decisions, in VM MOID order. */
    public record Result(State state, List<Decision> decisions) {
        public Result {
            decisions = List.copyOf(decisions);
        }
    }

    /**
     * @param state       what was known before
     * @param observation every VM on this host now, as the hypervisor lists them
     * @param nowMs       monotonic ms now
     * @param policy      the VM monitoring policy in force
     */
    public static Result observe(State state, List<VmInfo> observation, long nowMs, VmMonitoringPolicy policy) {
        return observe(state, observation, nowMs, VmMonitoringPolicies.of(policy));
    }

    /**
     * The same, with each VM judged by its own policy ({@link VmMonitoringPolicies#forVm}): a VM
     * whose own policy is disabled is never reset, one with its own sensitivity is reset after its
     * own failure interval, within its own reset limit.
     *
     * @param policies the cluster's VM monitoring policy and the VMs' own
     */
    public static Result observe(State state, List<VmInfo> observation, long nowMs, VmMonitoringPolicies policies) {
        Map<VmId, VmState> next = new TreeMap<>();
        List<Decision> decisions = new ArrayList<>();
        List<VmInfo> sorted = new ArrayList<>(observation);
        sorted.sort((a, b) -> a.id().compareTo(b.id()));
        for (VmInfo vm : sorted) {
            if (!vm.poweredOn()) {
                continue;
            }
            VmState s = state.vms().get(vm.id());
            if (s == null) {
                s = new VmState(nowMs, Long.MIN_VALUE, List.of(), false);
            }
            if (present(vm.guestHeartbeat())) {
                s = new VmState(s.graceStartMs(), nowMs, s.resetsMs(), false);
            }
            VmMonitoringPolicy policy = policies.forVm(vm.id());
            if (policy.enabled()) {
                s = judge(vm.id(), s, nowMs, policy, decisions);
            }
            next.put(vm.id(), s);
        }
        return new Result(new State(next), decisions);
    }

    private static VmState judge(VmId vm, VmState s, long now, VmMonitoringPolicy policy, List<Decision> decisions) {
        if (s.lastHeartbeatMs() == Long.MIN_VALUE || now - s.graceStartMs() < policy.minUptimeMs()) {
            return s;
        }
        long stoppedFor = now - s.lastHeartbeatMs();
        if (stoppedFor < policy.failureIntervalMs()) {
            return s;
        }
        List<Long> resets = new ArrayList<>();
        for (long at : s.resetsMs()) {
            if (now - at < policy.resetWindowMs()) {
                resets.add(at);
            }
        }
        if (resets.size() >= policy.maxResets()) {
            if (!s.limitAnnounced()) {
                decisions.add(new LimitReached(vm, stoppedFor, resets.size()));
            }
            return new VmState(s.graceStartMs(), s.lastHeartbeatMs(), resets, true);
        }
        resets.add(now);
        decisions.add(new Reset(vm, stoppedFor, resets.size()));
        return new VmState(now, now, resets, false);
    }

    private static boolean present(GuestHeartbeat status) {
        return status == GuestHeartbeat.GREEN || status == GuestHeartbeat.YELLOW;
    }
}
