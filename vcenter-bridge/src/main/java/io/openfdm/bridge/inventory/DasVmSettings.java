package io.openfdm.bridge.inventory;

import java.util.Map;

/**
 * One per-VM HA override of a cluster ({@code configurationEx.dasVmConfig[i]}, vSphere
 * {@code ClusterDasVmConfigInfo}).
 *
 * @param vm                the VM's MOID ({@code key})
 * @param restartPriority   {@code dasSettings.restartPriority}: {@code disabled}, {@code lowest},
 *                          {@code low}, {@code medium}, {@code high}, {@code highest}, or
 *                          {@code clusterRestartPriority} / empty for the cluster default
 * @param isolationResponse {@code dasSettings.isolationResponse}: {@code none}, {@code powerOff},
 *                          {@code shutdown}, or {@code clusterIsolationResponse} / empty
 * @param vmToolsMonitoringSettings {@code dasSettings.vmToolsMonitoringSettings}
 *                          ({@code ClusterVmToolsMonitoringSettings}) as set properties by name;
 *                          empty if unset
 */
public record DasVmSettings(String vm, String restartPriority, String isolationResponse,
                            Map<String, Object> vmToolsMonitoringSettings) {
    public DasVmSettings {
        vmToolsMonitoringSettings = vmToolsMonitoringSettings == null ? Map.of() : vmToolsMonitoringSettings;
    }

    /** An override without VM monitoring settings. */
    public DasVmSettings(String vm, String restartPriority, String isolationResponse) {
        this(vm, restartPriority, isolationResponse, Map.of());
    }

    /** vSphere's value meaning "use the cluster's default restart priority". */
    public static final String CLUSTER_RESTART_PRIORITY = "clusterRestartPriority";

    /** True when the override names its own priority rather than the cluster default. */
    public boolean hasOwnPriority() {
        return restartPriority != null && !restartPriority.isEmpty() && !restartPriority.equals(CLUSTER_RESTART_PRIORITY);
    }
}
