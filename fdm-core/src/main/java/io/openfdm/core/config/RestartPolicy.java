package io.openfdm.core.config;

import io.openfdm.core.model.HostId;
import io.openfdm.core.model.RestartPriority;
import io.openfdm.core.model.VmId;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How the master restarts the VMs of failed hosts: the retry schedule, the orchestration between
 * restart priorities, VM-to-VM dependencies, and the placement rules. JSON object {@code
 * cluster.restart} in {@code cluster.json}.
 *
 * <p><b>Retries.</b> {@code attemptScheduleMs[i]} is when attempt {@code i + 1} is due, in ms after
 * the first attempt; its length is the number of attempts (the first included). The wait before
 * attempt {@code i + 1} is {@code attemptScheduleMs[i] - attemptScheduleMs[i - 1]}, counted from when
 * attempt {@code i} is seen to fail ("the retry clock starts when the previous attempt is seen to
 * fail", vSphere HA Deepdive). VMware's default ({@code das.maxvmrestartcount} 5) is attempts at T0,
 * T2m, T6m, T14m and T30m: {@link #VMWARE_ATTEMPT_SCHEDULE_MS}. A failure to place (no host with
 * room) is not an attempt.
 *
 * <p><b>Orchestration.</b> With a {@code readyCondition} other than {@code none}, a VM is placed only
 * once every VM of a higher restart priority that this master is restarting is ready (or has given
 * up, or waits for a retry: a failed power-on does not block lower priorities, as in vSphere) and
 * {@code postReadyDelayMs} has passed since it became ready. A VM held back for {@code
 * readyTimeoutMs} starts anyway. vSphere 6.5+ {@code ClusterOrchestrationInfo.defaultVmReadiness}
 * [API]; VMware's 600 s timeout is <em>unsourced</em> (vmware-ha-facts.md §2), we use the same figure.
 *
 * @param attemptScheduleMs  when each attempt is due, ms after the first: first 0, non-decreasing,
 *                           1-100 entries (default {@link #VMWARE_ATTEMPT_SCHEDULE_MS})
 * @param readyCondition     when a restarted VM counts as ready (default {@code none})
 * @param postReadyDelayMs   extra wait after a VM is ready before the next priority (or its
 *                           dependents) start, >= 0 (default 0; vSphere {@code postReadyDelay})
 * @param readyTimeoutMs     longest a VM is held back by orchestration or a dependency, > 0 (default
 *                           600000)
 * @param dependencies       VM-to-VM dependency rules
 * @param vmVmRules          VM-VM affinity and anti-affinity rules
 * @param vmHostRules        VM-host rules (must / should run on hosts in group)
 */
public record RestartPolicy(List<Long> attemptScheduleMs, ReadyCondition readyCondition, long postReadyDelayMs,
                            long readyTimeoutMs, List<DependencyRule> dependencies, List<VmVmRule> vmVmRules,
                            List<VmHostRule> vmHostRules) {

    /** VMware's retry schedule: 5 attempts at T0, T2m, T6m, T14m, T30m (vSphere HA Deepdive). */
    public static final List<Long> VMWARE_ATTEMPT_SCHEDULE_MS = List.of(0L, 120_000L, 360_000L, 840_000L, 1_800_000L);
    /** Default {@code readyTimeoutMs}: 600 s, VMware's figure (unsourced). */
    public static final long DEFAULT_READY_TIMEOUT_MS = 600_000;
    /** Longest schedule accepted. */
    public static final int MAX_ATTEMPTS = 100;

    public RestartPolicy {
        attemptScheduleMs = attemptScheduleMs == null ? null : List.copyOf(attemptScheduleMs);
        readyCondition = readyCondition == null ? ReadyCondition.NONE : readyCondition;
        dependencies = dependencies == null ? List.of() : List.copyOf(dependencies);
        vmVmRules = vmVmRules == null ? List.of() : List.copyOf(vmVmRules);
        vmHostRules = vmHostRules == null ? List.of() : List.copyOf(vmHostRules);
    }

    /** VMware's defaults: the T0..T30m schedule, no readiness wait, no rules. */
    public static RestartPolicy defaults() {
        return withSchedule(VMWARE_ATTEMPT_SCHEDULE_MS);
    }

    /** The defaults with another retry schedule. */
    public static RestartPolicy withSchedule(List<Long> attemptScheduleMs) {
        return new RestartPolicy(attemptScheduleMs, ReadyCondition.NONE, 0, DEFAULT_READY_TIMEOUT_MS, List.of(),
                List.of(), List.of());
    }

    /**
     * The schedule the older doubling settings meant ({@code Timing.restartBackoffMs},
     * {@code restartMaxAttempts}): the wait after attempt {@code k} was {@code backoffMs * 2^(k-1)},
     * so attempt {@code i} (0-based) is due at {@code backoffMs * (2^i - 1)}. A backoff of 120000 ms
     * and 5 attempts gives VMware's T0, T2m, T6m, T14m, T30m exactly.
     */
    public static List<Long> doublingSchedule(long backoffMs, int attempts) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < Math.max(1, Math.min(attempts, MAX_ATTEMPTS)); i++) {
            out.add(backoffMs * ((1L << Math.min(i, 20)) - 1));
        }
        return out;
    }

    /** Attempts per VM, the first included. */
    public int maxAttempts() {
        return attemptScheduleMs.size();
    }

    /** A copy with another schedule. */
    public RestartPolicy schedule(List<Long> schedule) {
        return new RestartPolicy(schedule, readyCondition, postReadyDelayMs, readyTimeoutMs, dependencies, vmVmRules,
                vmHostRules);
    }

    /** A copy with other placement rules. */
    public RestartPolicy withRules(List<VmVmRule> vmVm, List<VmHostRule> vmHost) {
        return new RestartPolicy(attemptScheduleMs, readyCondition, postReadyDelayMs, readyTimeoutMs, dependencies, vmVm,
                vmHost);
    }

    /**
     * Checks every field.
     *
     * @param prefix     the JSON path of this object ({@code cluster.restart})
     * @param priorities restart priorities the configuration sets (VM overrides): a dependency of a
     *                   VM on one of lower priority is rejected when both are known
     * @param hosts      the configured hosts (VM-host rules may name only these)
     * @throws ConfigException naming the first field that breaks a rule
     */
    public void validate(String prefix, Map<VmId, RestartPriority> priorities, Set<HostId> hosts) {
        String at = prefix + ".attemptScheduleMs";
        if (attemptScheduleMs == null || attemptScheduleMs.isEmpty() || attemptScheduleMs.size() > MAX_ATTEMPTS) {
            throw new ConfigException(at, "must list 1-" + MAX_ATTEMPTS + " attempt times (ms after the first attempt)");
        }
        for (int i = 0; i < attemptScheduleMs.size(); i++) {
            Long t = attemptScheduleMs.get(i);
            if (t == null || t < 0) {
                throw new ConfigException(at + "[" + i + "]", "must be >= 0 (milliseconds), was " + t);
            }
            if (i == 0 && t != 0) {
                throw new ConfigException(at + "[0]", "must be 0: the first attempt is due at once, was " + t);
            }
            if (i > 0 && t < attemptScheduleMs.get(i - 1)) {
                throw new ConfigException(at + "[" + i + "]", "must be >= the previous entry ("
                        + attemptScheduleMs.get(i - 1) + "), was " + t);
            }
        }
        if (postReadyDelayMs < 0) {
            throw new ConfigException(prefix + ".postReadyDelayMs", "must be >= 0 (milliseconds), was " + postReadyDelayMs);
        }
        if (readyTimeoutMs <= 0) {
            throw new ConfigException(prefix + ".readyTimeoutMs", "must be > 0 (milliseconds), was " + readyTimeoutMs);
        }
        validateDependencies(prefix + ".dependencies", priorities);
        validateVmVmRules(prefix + ".vmVmRules");
        validateVmHostRules(prefix + ".vmHostRules", hosts);
    }

    private void validateDependencies(String prefix, Map<VmId, RestartPriority> priorities) {
        Map<VmId, List<VmId>> edges = new HashMap<>();
        Set<DependencyRule> seen = new HashSet<>();
        for (int i = 0; i < dependencies.size(); i++) {
            DependencyRule d = dependencies.get(i);
            String at = prefix + "[" + i + "]";
            if (d == null || d.vm() == null) {
                throw new ConfigException(at + ".vm", "is required (a VM MOID)");
            }
            if (d.dependsOn() == null) {
                throw new ConfigException(at + ".dependsOn", "is required (a VM MOID)");
            }
            if (d.vm().equals(d.dependsOn())) {
                throw new ConfigException(at + ".dependsOn", d.vm() + " cannot depend on itself");
            }
            if (!seen.add(d)) {
                throw new ConfigException(at, "duplicate rule " + d.vm() + " -> " + d.dependsOn());
            }
            RestartPriority mine = priorities.get(d.vm());
            RestartPriority theirs = priorities.get(d.dependsOn());
            if (mine != null && theirs != null && mine.rank() > theirs.rank()) {
                throw new ConfigException(at + ".dependsOn", d.vm() + " (priority " + name(mine) + ") cannot depend on "
                        + d.dependsOn() + " of lower priority " + name(theirs)
                        + ": higher priorities start first (vSphere rejects it too)");
            }
            edges.computeIfAbsent(d.vm(), k -> new ArrayList<>()).add(d.dependsOn());
            List<VmId> cycle = cycleThrough(edges, d.vm());
            if (!cycle.isEmpty()) {
                throw new ConfigException(at, "dependency cycle " + String.join(" -> ",
                        cycle.stream().map(VmId::moid).toList()));
            }
        }
    }

    /** A path start -> ... -> start if the graph has one, else empty. */
    private static List<VmId> cycleThrough(Map<VmId, List<VmId>> edges, VmId start) {
        Deque<List<VmId>> paths = new ArrayDeque<>();
        paths.push(List.of(start));
        Set<VmId> visited = new HashSet<>();
        while (!paths.isEmpty()) {
            List<VmId> path = paths.pop();
            VmId last = path.get(path.size() - 1);
            for (VmId next : edges.getOrDefault(last, List.of())) {
                List<VmId> longer = new ArrayList<>(path);
                longer.add(next);
                if (next.equals(start)) {
                    return longer;
                }
                if (visited.add(next)) {
                    paths.push(longer);
                }
            }
        }
        return List.of();
    }

    private void validateVmVmRules(String prefix) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < vmVmRules.size(); i++) {
            VmVmRule r = vmVmRules.get(i);
            String at = prefix + "[" + i + "]";
            if (r == null || r.name() == null || r.name().isBlank()) {
                throw new ConfigException(at + ".name", "is required");
            }
            if (!names.add(r.name())) {
                throw new ConfigException(at + ".name", "duplicate rule name " + r.name());
            }
            if (r.vms().size() < 2) {
                throw new ConfigException(at + ".vms", "must list at least 2 VMs");
            }
            if (new HashSet<>(r.vms()).size() != r.vms().size() || r.vms().stream().anyMatch(java.util.Objects::isNull)) {
                throw new ConfigException(at + ".vms", "must list distinct VM MOIDs");
            }
        }
        // A pair kept together by one rule and apart by another can never be satisfied.
        for (VmVmRule a : vmVmRules) {
            for (VmVmRule b : vmVmRules) {
                if (a.affinity() && !b.affinity()) {
                    List<VmId> both = a.vms().stream().filter(b.vms()::contains).toList();
                    if (both.size() >= 2) {
                        throw new ConfigException(prefix + "[" + vmVmRules.indexOf(b) + "].vms", "rule " + b.name()
                                + " keeps " + both.get(0) + " and " + both.get(1) + " apart, but affinity rule "
                                + a.name() + " keeps them together");
                    }
                }
            }
        }
    }

    private void validateVmHostRules(String prefix, Set<HostId> hosts) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < vmHostRules.size(); i++) {
            VmHostRule r = vmHostRules.get(i);
            String at = prefix + "[" + i + "]";
            if (r == null || r.name() == null || r.name().isBlank()) {
                throw new ConfigException(at + ".name", "is required");
            }
            if (!names.add(r.name())) {
                throw new ConfigException(at + ".name", "duplicate rule name " + r.name());
            }
            if (r.vms().isEmpty() || r.vms().stream().anyMatch(java.util.Objects::isNull)) {
                throw new ConfigException(at + ".vms", "must list at least 1 VM MOID");
            }
            if (r.hosts().isEmpty()) {
                throw new ConfigException(at + ".hosts", "must list at least 1 host MOID");
            }
            for (int h = 0; h < r.hosts().size(); h++) {
                if (r.hosts().get(h) == null || !hosts.contains(r.hosts().get(h))) {
                    throw new ConfigException(at + ".hosts[" + h + "]", "names unknown host " + r.hosts().get(h));
                }
            }
        }
    }

    private static String name(RestartPriority p) {
        return p.name().toLowerCase(java.util.Locale.ROOT);
    }
}
