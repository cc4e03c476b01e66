package io.openfdm.core.config;

import io.openfdm.core.model.RestartPriority;
import io.openfdm.core.model.VmId;

/**
 * A per-VM HA setting (vSphere {@code dasVmConfig}).
 *
 * @param vm                the VM's MOID
 * @param protect           false to leave the VM unprotected (never restarted)
 * @param priority          restart priority, or null to keep the VM's own
 * @param isolationResponse the VM's isolation response ({@code dasSettings.isolationResponse}), or
 *                          null for the cluster's ({@link HaPolicy#isolationResponse()}); applied
 *                          by the VM's host when it is isolated.
 * @param vmMonitoring      the VM's own VM monitoring ({@code dasSettings.vmToolsMonitoringSettings}
 *                          with {@code clusterSettings = false}): on or off, failure interval,
 *                          minimum uptime, resets and window; or null for the cluster's
 *                          ({@link HaPolicy#vmMonitoring()}). Applied by the VM's host.
 */
public record VmOverride(VmId vm, boolean protect, RestartPriority priority, IsolationResponse isolationResponse,
                         VmMonitoringPolicy vmMonitoring) {

    /** An override that keeps the cluster's VM monitoring. */
    public VmOverride(VmId vm, boolean protect, RestartPriority priority, IsolationResponse isolationResponse) {
        this(vm, protect, priority, isolationResponse, null);
    }

    /** An override that keeps the cluster's isolation response and VM monitoring. */
    public VmOverride(VmId vm, boolean protect, RestartPriority priority) {
        this(vm, protect, priority, null, null);
    }

    /** This override with its own VM monitoring (null: the cluster's). */
    public VmOverride withVmMonitoring(VmMonitoringPolicy policy) {
        return new VmOverride(vm, protect, priority, isolationResponse, policy);
    }

    /** The VM monitoring in force for this VM: its own, else {@code cluster}. */
    public VmMonitoringPolicy vmMonitoringOr(VmMonitoringPolicy cluster) {
        return vmMonitoring == null ? cluster : vmMonitoring;
    }
}
