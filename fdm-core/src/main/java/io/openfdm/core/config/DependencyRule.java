package io.openfdm.core.config;

import io.openfdm.core.model.VmId;

/**
 * A VM-to-VM restart dependency: when both are restarted, {@code vm} is powered on only once
 * {@code dependsOn} is ready (vSphere 6.5+ {@code ClusterDependencyRuleInfo}, which relates VM
 * groups; ours relates single VMs). Validation rejects cycles and a VM depending on a VM of lower
 * restart priority, as vSphere does [API ClusterOrchestrationInfo].
 *
 * @param vm        the dependent VM's MOID
 * @param dependsOn the MOID of the VM it waits for
 */
public record DependencyRule(VmId vm, VmId dependsOn) {
}
