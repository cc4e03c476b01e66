package io.openfdm.sim.scenario;

import io.openfdm.core.config.IsolationResponse;
import io.openfdm.core.config.VmMonitoringPolicy;
import io.openfdm.core.config.VmOverride;
import io.openfdm.core.model.VmId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code cluster} file's {@code vm-monitoring vm} line: one VM's own VM monitoring. */
class VmMonitoringOverrideLineTest {
    private static final String CLUSTER = """
            vm-monitoring high
            datastore ds-1
            host host-1 datastores ds-1 cpu 20000 mem 65536
            vm vm-1 on host-1 ds ds-1 cpu 500 mem 1024 priority high
            vm vm-2 on host-1 ds ds-1 cpu 500 mem 1024 priority high
            """;

    @Test
    void disabledOrOwnSensitivityMergesWithTheIsolationLineAndRoundTrips() {
        ClusterDescription c = ClusterParser.parse(CLUSTER + """
                isolation vm vm-1 response powerOff
                vm-monitoring vm vm-1 disabled
                vm-monitoring vm vm-2 low max-resets 1
                """);
        VmId vm1 = VmId.of("vm-1");
        VmId vm2 = VmId.of("vm-2");
        assertThat(c.toClusterConfig().vmOverrides()).containsExactly(
                new VmOverride(vm1, true, null, IsolationResponse.POWER_OFF, VmMonitoringPolicy.disabled()),
                new VmOverride(vm2, true, null, null, new VmMonitoringPolicy(true, 120_000, 120_000, 1,
                        VmMonitoringPolicy.Sensitivity.LOW.resetWindowMs())));
        assertThat(ClusterParser.parse(c.toText())).isEqualTo(c);
    }

    @Test
    void badLinesSayWhatWasExpected() {
        assertThatThrownBy(() -> ClusterParser.parse(CLUSTER + "vm-monitoring vm vm-9 disabled\n"))
                .hasMessageContaining("unknown vm 'vm-9'");
        assertThatThrownBy(() -> ClusterParser.parse(CLUSTER + "vm-monitoring vm vm-1\n"))
                .hasMessageContaining("expected 'vm-monitoring vm <vm> disabled|high|medium|low");
        assertThatThrownBy(() -> ClusterParser.parse(CLUSTER + "vm-monitoring vm vm-1 extreme\n"))
                .hasMessageContaining("sensitivity must be one of high, medium, low");
        assertThatThrownBy(() -> ClusterParser.parse(CLUSTER + "vm-monitoring vm vm-1 disabled now\n"))
                .hasMessageContaining("expected 'vm-monitoring vm <vm> disabled'");
    }
}
