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
 * @param restartClass      agent VM, FT secondary or ordinary ({@link RestartClass}); agent VMs
 *                          restart first, then FT secondaries, then the rest by priority. Null is
 *                          read as {@link RestartClass#ORDINARY}
 */
public record VmOverride(VmId vm, boolean protect, RestartPriority priority, IsolationResponse isolationResponse,
                         RestartClass restartClass) {

    public VmOverride {
        restartClass = restartClass == null ? RestartClass.ORDINARY : restartClass;
    }

    /** An ordinary VM's override. */
    public VmOverride(VmId vm, boolean protect, RestartPriority priority, IsolationResponse isolationResponse) {
        this(vm, protect, priority, isolationResponse, RestartClass.ORDINARY);
    }

    /** An ordinary VM's override that keeps the cluster's isolation response. */
    public VmOverride(VmId vm, boolean protect, RestartPriority priority) {
        this(vm, protect, priority, null);
    }

    /** The same override with another restart class. */
    public VmOverride withRestartClass(RestartClass newClass) {
        return new VmOverride(vm, protect, priority, isolationResponse, newClass);
    }
}
