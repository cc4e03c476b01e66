package io.openfdm.master.restart;

import io.openfdm.core.config.RestartPolicy;
import io.openfdm.core.config.VmHostRule;
import io.openfdm.core.config.VmVmRule;
import io.openfdm.core.model.HostId;
import io.openfdm.core.model.VmId;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * VM-host and VM-VM rules as the placement of a restart sees them. Pure.
 *
 * <ul>
 *   <li>Hard (a host that breaks one is never chosen): a "must run on hosts in group" rule, and
 *       anti-affinity (no two VMs of the rule on one host; vSphere HA with
 *       {@code das.respectVmVmAntiAffinityRules=true} likewise leaves such a VM unrestarted).</li>
 *   <li>Soft (preferred among the hosts that qualify): affinity (the host already running, or just
 *       chosen for, another VM of the rule) and "should run on hosts in group" (vSphere HA with
 *       {@code das.respectVmHostSoftAffinityRules=true}). Running the VM beats keeping it with its
 *       partners: a VM whose affinity partners' host is full restarts elsewhere.</li>
 * </ul>
 */
public final class PlacementRules {
    private static final PlacementRules NONE = new PlacementRules(List.of(), List.of());

    private final Map<VmId, List<VmVmRule>> vmVm = new HashMap<>();
    private final Map<VmId, List<VmHostRule>> vmHost = new HashMap<>();

    public PlacementRules(List<VmVmRule> vmVmRules, List<VmHostRule> vmHostRules) {
        for (VmVmRule r : vmVmRules) {
            for (VmId vm : r.vms()) {
                vmVm.computeIfAbsent(vm, k -> new ArrayList<>()).add(r);
            }
        }
        for (VmHostRule r : vmHostRules) {
            for (VmId vm : r.vms()) {
                vmHost.computeIfAbsent(vm, k -> new ArrayList<>()).add(r);
            }
        }
    }

    public static PlacementRules of(RestartPolicy policy) {
        return new PlacementRules(policy.vmVmRules(), policy.vmHostRules());
    }

    /** True when some VM-VM rule exists, so placement needs each host's residents. */
    public boolean hasVmVmRules() {
        return !vmVm.isEmpty();
    }

    /** No rules. */
    public static PlacementRules none() {
        return NONE;
    }

    /**
     * The hard rule that forbids {@code vm} on {@code host}, if one does.
     *
     * @param residents the VMs running on, or being started on, {@code host}
     * @return e.g. {@code anti-affinity rule web-apart (vm-2 is there)}; empty when allowed
     */
    public Optional<String> forbids(VmId vm, HostId host, Set<VmId> residents) {
        for (VmHostRule r : vmHost.getOrDefault(vm, List.of())) {
            if (r.mandatory() && !r.hosts().contains(host)) {
                return Optional.of("VM-host rule " + r.name() + " (must run on " + hostList(r) + ")");
            }
        }
        for (VmVmRule r : vmVm.getOrDefault(vm, List.of())) {
            if (!r.affinity()) {
                for (VmId other : r.vms()) {
                    if (!other.equals(vm) && residents.contains(other)) {
                        return Optional.of("anti-affinity rule " + r.name() + " (" + other + " is there)");
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * How well {@code host} suits {@code vm} by the soft rules: 0 best. 2 is added when the VM has
     * affinity partners and none of them is on this host, 1 when the VM has "should" rules and the
     * host is in none of their groups.
     */
    public int preference(VmId vm, HostId host, Set<VmId> residents) {
        int score = 0;
        boolean hasPartners = false;
        boolean withPartner = false;
        for (VmVmRule r : vmVm.getOrDefault(vm, List.of())) {
            if (r.affinity()) {
                hasPartners = true;
                withPartner |= r.vms().stream().anyMatch(o -> !o.equals(vm) && residents.contains(o));
            }
        }
        if (hasPartners && !withPartner) {
            score += 2;
        }
        List<VmHostRule> should = vmHost.getOrDefault(vm, List.of()).stream().filter(r -> !r.mandatory()).toList();
        if (!should.isEmpty() && should.stream().noneMatch(r -> r.hosts().contains(host))) {
            score += 1;
        }
        return score;
    }

    private static String hostList(VmHostRule r) {
        return String.join(",", r.hosts().stream().map(HostId::moid).toList());
    }
}
