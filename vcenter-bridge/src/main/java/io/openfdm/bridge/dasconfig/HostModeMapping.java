package io.openfdm.bridge.dasconfig;

import io.openfdm.bridge.inventory.HostRecord;
import io.openfdm.core.model.HostMode;

/**
 * A host's mode from vCenter ({@code HostRuntimeInfo}): {@code runtime.powerState = standBy} is
 * {@link HostMode#STANDBY} (DPM put it in standby), else {@code runtime.inMaintenanceMode} is
 * {@link HostMode#MAINTENANCE}, else {@link HostMode#NORMAL}. vSphere does not let a host in
 * standby enter maintenance mode; should vCenter report both, standby wins, as the host is off.
 */
public final class HostModeMapping {
    /** vSphere's {@code HostSystemPowerState.standBy}. */
    public static final String STANDBY_POWER_STATE = "standBy";

    private HostModeMapping() {
    }

    public static HostMode of(HostRecord host) {
        if (STANDBY_POWER_STATE.equals(host.powerState())) {
            return HostMode.STANDBY;
        }
        return host.inMaintenanceMode() ? HostMode.MAINTENANCE : HostMode.NORMAL;
    }
}
