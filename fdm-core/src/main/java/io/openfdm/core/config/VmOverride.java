package io.openfdm.core.config;

import io.openfdm.core.model.RestartClass;
import io.openfdm.core.model.RestartPriority;
import io.openfdm.core.model.VmId;

/**
 * A per-VM HA setting (vSphere {@code dasVmConfig}, plus the VM's role for the restart order).
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
 * @param restartClass      agent VM, FT secondary or ordinary ({@link RestartClass}); agent VMs
 *                          restart first, then FT secondaries, then the rest by priority. Null is
 *                          read as {@link RestartClass#ORDINARY}
 */
public record VmOverride(VmId vm, boolean protect, RestartPriority priority, IsolationResponse isolationResponse,
                         VmMonitoringPolicy vmMonitoring, RestartClass restartClass) {

    public VmOverride {
        restartClass = restartClass == null ? RestartClass.ORDINARY : restartClass;
    }

    /** An ordinary VM's override with its own VM monitoring (null: the cluster's). */
    public VmOverride(VmId vm, boolean protect, RestartPriority priority, IsolationResponse isolationResponse,
                      VmMonitoringPolicy vmMonitoring) {
        this(vm, protect, priority, isolationResponse, vmMonitoring, RestartClass.ORDINARY);
    }

    /** An override of the given class that keeps the cluster's VM monitoring. */
    public VmOverride(VmId vm, boolean protect, RestartPriority priority, IsolationResponse isolationResponse,
                      RestartClass restartClass) {
        this(vm, protect, priority, isolationResponse, null, restartClass);
    }

    /** An ordinary VM's override that keeps the cluster's VM monitoring. */
    public VmOverride(VmId vm, boolean protect, RestartPriority priority, IsolationResponse isolationResponse) {
        this(vm, protect, priority, isolationResponse, null, RestartClass.ORDINARY);
    }

    /** An ordinary VM's override that keeps the cluster's isolation response and VM monitoring. */
    public VmOverride(VmId vm, boolean protect, RestartPriority priority) {
        this(vm, protect, priority, null, null, RestartClass.ORDINARY);
    }

    /** This override with its own VM monitoring (null: the cluster's). */
    public VmOverride withVmMonitoring(VmMonitoringPolicy policy) {
        return new VmOverride(vm, protect, priority, isolationResponse, policy, restartClass);
    }

    /** The VM monitoring in force for this VM: its own, else {@code cluster}. */
    public VmMonitoringPolicy vmMonitoringOr(VmMonitoringPolicy cluster) {
        return vmMonitoring == null ? cluster : vmMonitoring;
    }

    /** The same override with another restart class. */
    public VmOverride withRestartClass(RestartClass newClass) {
        return new VmOverride(vm, protect, priority, isolationResponse, vmMonitoring, newClass);
    }
}
