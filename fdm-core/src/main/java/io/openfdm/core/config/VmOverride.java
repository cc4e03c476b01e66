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
 */
public record VmOverride(VmId vm, boolean protect, RestartPriority priority, IsolationResponse isolationResponse) {

    /** An override that keeps the cluster's isolation response. */
    public VmOverride(VmId vm, boolean protect, RestartPriority priority) {
        this(vm, protect, priority, null);
    }
}
