package io.openfdm.agent.vmmonitoring;

import io.openfdm.agent.node.HypervisorCalls;
import io.openfdm.core.config.VmMonitoringPolicy;
import io.openfdm.core.journal.EventKind;
import io.openfdm.core.model.VmId;
import io.openfdm.core.model.VmInfo;
import io.openfdm.hostd.Hypervisor;
import io.openfdm.hostd.HypervisorException;

import java.util.List;
import java.util.Locale;

/**
 * Runs {@link VmMonitor} for one host's agent: feeds it the inventory at most every
 * {@link #CHECK_INTERVAL_MS}, performs its resets through {@link HypervisorCalls} (so a slow
 * vCenter never holds the agent thread), and journals each reset, each failed reset and each time
 * a VM's reset limit is reached. Single-threaded, like the node that owns it.
 */
public final class VmMonitoring {
    /** How often the inventory is judged, ms. The failure intervals are 30 s and more. */
    public static final long CHECK_INTERVAL_MS = 1000;

    /** Where journal lines go (the node's journal, with its role). */
    @FunctionalInterface
    public interface Journal {
        void record(EventKind kind, String message, String subject);
    }

    private VmMonitoringPolicies policies;
    private final Hypervisor hypervisor;
    private final HypervisorCalls calls;
    private final Journal journal;
    private VmMonitor.State state = VmMonitor.State.empty();
    private long lastCheckMs = Long.MIN_VALUE;

    /**
     * @param policy     the cluster's VM monitoring policy
     * @param hypervisor this host's hypervisor (resets go to it)
     * @param calls      where the resets run
     * @param journal    where reset lines go
     */
    public VmMonitoring(VmMonitoringPolicy policy, Hypervisor hypervisor, HypervisorCalls calls, Journal journal) {
        this(VmMonitoringPolicies.of(policy), hypervisor, calls, journal);
    }

    /**
     * @param policies   the cluster's VM monitoring policy and the VMs' own
     * @param hypervisor this host's hypervisor (resets go to it)
     * @param calls      where the resets run
     * @param journal    where reset lines go
     */
    public VmMonitoring(VmMonitoringPolicies policies, Hypervisor hypervisor, HypervisorCalls calls, Journal journal) {
        this.policies = policies;
        this.hypervisor = hypervisor;
        this.calls = calls;
        this.journal = journal;
    }

    /**
     * Replaces the policies (a configuration whose VM overrides changed was applied in place); what
     * was seen of each VM, and its resets, are kept.
     */
    public void updatePolicies(VmMonitoringPolicies next) {
        this.policies = next;
    }

    /** The VMs as listed now; judged if {@link #CHECK_INTERVAL_MS} has passed since the last check. */
    public void observe(List<VmInfo> vms, long nowMs) {
        if (lastCheckMs != Long.MIN_VALUE && nowMs - lastCheckMs < CHECK_INTERVAL_MS) {
            return;
        }
        lastCheckMs = nowMs;
        VmMonitor.Result result = VmMonitor.observe(state, vms, nowMs, policies);
        state = result.state();
        for (VmMonitor.Decision d : result.decisions()) {
            if (d instanceof VmMonitor.Reset r) {
                reset(r, nowMs);
            } else if (d instanceof VmMonitor.LimitReached l) {
                journal.record(EventKind.VM_RESET_LIMIT_REACHED, l.vm() + " not reset: guest heartbeat stopped for "
                        + seconds(l.stoppedForMs()) + " s, but it was reset " + l.resets() + " times in the last "
                        + window(policies.forVm(l.vm())) + " (the maximum)", l.vm().moid());
            }
        }
    }

    private void reset(VmMonitor.Reset r, long nowMs) {
        VmId vm = r.vm();
        VmMonitoringPolicy policy = policies.forVm(vm);
        String why = "guest heartbeat stopped for " + seconds(r.stoppedForMs()) + " s; reset " + r.resetNumber()
                + " of at most " + policy.maxResets() + " in " + window(policy);
        calls.run(nowMs, () -> {
            try {
                hypervisor.reset(vm);
                return null;
            } catch (HypervisorException e) {
                return e.getMessage();
            }
        }, (error, doneMs, deferred) -> {
            if (error == null) {
                journal.record(EventKind.VM_RESET, vm + " reset (" + why + ")", vm.moid());
            } else {
                journal.record(EventKind.VM_RESET, vm + " reset failed (" + why + "): " + error, vm.moid());
            }
        });
    }

    private static String window(VmMonitoringPolicy policy) {
        long ms = policy.resetWindowMs();
        if (ms == VmMonitoringPolicy.NO_RESET_WINDOW_MS) {
            return "unbounded window";
        }
        if (ms % 86_400_000L == 0) {
            long d = ms / 86_400_000L;
            return d == 1 ? "24 h" : d + " days";
        }
        if (ms % 3_600_000L == 0) {
            return ms / 3_600_000L + " h";
        }
        return seconds(ms) + " s";
    }

    private static String seconds(long ms) {
        return String.format(Locale.ROOT, "%.1f", ms / 1000.0);
    }
}
