package io.openfdm.core.config;

import io.openfdm.core.model.VmId;

import java.util.List;

/**
 * A VM-VM affinity rule, as vSphere's {@code ClusterAffinityRuleSpec} (keep together) and
 * {@code ClusterAntiAffinityRuleSpec} (keep apart). The master's placement of restarts respects
 * them: an anti-affinity VM never restarts on a host running (or about to run) another VM of its
 * rule; an affinity VM restarts on the host of the rule's other VMs when one of them runs. vSphere
 * HA respects anti-affinity only with {@code das.respectVmVmAntiAffinityRules} (default false,
 * vSphere HA Deepdive); ours always does.
 *
 * @param name     the rule's name, unique among VM-VM rules (shown in errors and the journal)
 * @param affinity true: keep the VMs on one host; false: keep them on different hosts
 * @param vms      two or more VM MOIDs, no duplicates
 */
public record VmVmRule(String name, boolean affinity, List<VmId> vms) {
    public VmVmRule {
        vms = List.copyOf(vms);
    }
}
