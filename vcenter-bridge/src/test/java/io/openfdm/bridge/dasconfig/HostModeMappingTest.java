package io.openfdm.bridge.dasconfig;

import com.vmware.vim25.HostRuntimeInfo;
import com.vmware.vim25.HostSystemPowerState;
import io.openfdm.bridge.inventory.HostRecord;
import io.openfdm.core.model.HostMode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link HostModeMapping} over vSphere's {@code HostRuntimeInfo}, built with yavijava. */
class HostModeMappingTest {
    private static HostMode mode(boolean maintenance, HostSystemPowerState power) {
        HostRuntimeInfo runtime = new HostRuntimeInfo();
        runtime.setInMaintenanceMode(maintenance);
        runtime.setPowerState(power);
        Map<String, Object> plain = YavijavaObjects.plain(runtime);
        return HostModeMapping.of(new HostRecord("host-1", "h1", "10.0.0.1", "connected", (Boolean) plain.get("inMaintenanceMode"),
                List.of(), 0, 0, (String) plain.get("powerState")));
    }

    @Test
    void maintenanceAndStandbyFromHostRuntimeInfo() {
        assertThat(mode(false, HostSystemPowerState.poweredOn)).isEqualTo(HostMode.NORMAL);
        assertThat(mode(true, HostSystemPowerState.poweredOn)).isEqualTo(HostMode.MAINTENANCE);
        assertThat(mode(false, HostSystemPowerState.standBy)).isEqualTo(HostMode.STANDBY);
        assertThat(mode(true, HostSystemPowerState.standBy)).as("standby wins: the host is off").isEqualTo(HostMode.STANDBY);
        assertThat(mode(false, HostSystemPowerState.poweredOff)).isEqualTo(HostMode.NORMAL);
    }
}
