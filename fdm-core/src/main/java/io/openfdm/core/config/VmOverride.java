package io.openfdm.core.config;

import io.openfdm.core.model.RestartPriority;
import io.openfdm.core.model.VmId;

/**
 * A per-VM HA setting (vSphere {@code dasVmConfig}).
 *
 * @param vm        the VM's MOID
 * @param protect   false to leave the VM unprotected (never restarted)
 * @param priority  restart priority, or null to keep the VM's own
 */
public record VmOverride(VmId vm, boolean protect, RestartPriority priority) {
}
