package io.openfdm.core.config;

import io.openfdm.core.model.HostId;
import io.openfdm.core.model.VmId;

import java.util.List;

/**
 * A VM-host rule, as vSphere's {@code ClusterVmHostRuleInfo} with a VM group and an affine host
 * group: the rule's VMs restart only on the listed hosts ({@code mandatory}, vSphere's "must run on
 * hosts in group") or preferably on them ({@code !mandatory}, "should run on hosts in group": another
 * host is used when none of the group can take the VM). vSphere HA respects "should" rules only
 * with {@code das.respectVmHostSoftAffinityRules} (default false, vSphere HA Deepdive); ours always
 * does.
 *
 * @param name      the rule's name, unique among VM-host rules
 * @param mandatory true for "must run on", false for "should run on"
 * @param vms       one or more VM MOIDs
 * @param hosts     one or more configured host MOIDs (the host group)
 */
public record VmHostRule(String name, boolean mandatory, List<VmId> vms, List<HostId> hosts) {
    public VmHostRule {
        vms = List.copyOf(vms);
        hosts = List.copyOf(hosts);
    }
}
