package io.openfdm.agent.vmmonitoring;

import io.openfdm.core.config.ClusterConfig;
import io.openfdm.core.config.VmMonitoringPolicy;
import io.openfdm.core.config.VmOverride;
import io.openfdm.core.model.VmId;

import java.util.HashMap;
import java.util.Map;

/**
 * The VM monitoring in force for each VM: the cluster's ({@code ha.vmMonitoring}) unless the VM has
 * its own ({@code vmOverrides[].vmMonitoring}, vSphere's per-VM {@code vmToolsMonitoringSettings}
 * with {@code clusterSettings = false}).
 *
 * @param cluster the cluster's policy
 * @param perVm   the VMs that have their own policy
 */
public record VmMonitoringPolicies(VmMonitoringPolicy cluster, Map<VmId, VmMonitoringPolicy> perVm) {
    public VmMonitoringPolicies {
        perVm = Map.copyOf(perVm);
    }

    /** One policy for every VM. */
    public static VmMonitoringPolicies of(VmMonitoringPolicy cluster) {
        return new VmMonitoringPolicies(cluster, Map.of());
    }

    /** The cluster's policy and the VMs' own, from a configuration. */
    public static VmMonitoringPolicies of(ClusterConfig config) {
        Map<VmId, VmMonitoringPolicy> own = new HashMap<>();
        for (VmOverride o : config.vmOverrides()) {
            if (o.vmMonitoring() != null) {
                own.put(o.vm(), o.vmMonitoring());
            }
        }
        return new VmMonitoringPolicies(config.haPolicy().vmMonitoring(), own);
    }

    /** The policy in force for {@code vm}. */
    public VmMonitoringPolicy forVm(VmId vm) {
        return perVm.getOrDefault(vm, cluster);
    }
}
