package io.openfdm.agent.config;

import io.openfdm.core.config.ClusterConfig;
import io.openfdm.core.config.ConfigException;
import io.openfdm.core.config.VmMonitoringPolicy;
import io.openfdm.core.config.VmMonitoringPolicy.Sensitivity;
import io.openfdm.core.model.HostId;
import io.openfdm.core.model.HostMode;
import io.openfdm.core.model.VmId;
import io.openfdm.datastore.json.FdmJson;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** {@code vmOverrides[].vmMonitoring} and {@code hosts[].mode} in {@code cluster.json}. */
class VmOverrideMonitoringAndHostModeConfigTest {
    private static String cluster(String hostExtra, String overrides) {
        return """
                {"clusterId": "c1", "version": 1, "keyHex": "%s",
                 "datastores": [{"name": "ds-1", "path": "/x/ds-1"}],
                 "hosts": [{"moid": "host-1", "address": "127.0.11.11", "datastores": ["ds-1"]%s},
                           {"moid": "host-2", "address": "127.0.11.12", "datastores": ["ds-1"]}],
                 "ha": {"vmMonitoring": {"state": "vmMonitoringOnly", "sensitivity": "high"}},
                 "vmOverrides": [%s]}
                """.formatted(ClusterFixtures.KEY_HEX, hostExtra, overrides);
    }

    private static ClusterConfig parse(String hostExtra, String overrides) {
        return ClusterConfigFiles.parse(cluster(hostExtra, overrides).getBytes(StandardCharsets.UTF_8), Path.of("/x"), "test");
    }

    private static ConfigException error(String hostExtra, String overrides) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> parse(hostExtra, overrides));
        assertThat(e).as("expected a ConfigException").isNotNull();
        return e;
    }

    @Test
    void aVmsOwnMonitoringIsReadWrittenAndStored() throws Exception {
        ClusterConfig c = parse("", """
                {"vm": "vm-1", "vmMonitoring": {"state": "vmMonitoringDisabled"}},
                {"vm": "vm-2", "vmMonitoring": {"state": "vmMonitoringOnly", "sensitivity": "low", "maxResets": 1}},
                {"vm": "vm-3", "priority": "high"}""");
        assertThat(c.override(VmId.of("vm-1")).orElseThrow().vmMonitoring()).isEqualTo(VmMonitoringPolicy.of(false, Sensitivity.HIGH));
        assertThat(c.override(VmId.of("vm-2")).orElseThrow().vmMonitoring())
                .isEqualTo(new VmMonitoringPolicy(true, 120_000, 120_000, 1, Sensitivity.LOW.resetWindowMs()));
        assertThat(c.override(VmId.of("vm-3")).orElseThrow().vmMonitoring()).as("absent: the cluster's").isNull();
        assertThat(c.override(VmId.of("vm-3")).orElseThrow().vmMonitoringOr(c.haPolicy().vmMonitoring()))
                .isEqualTo(VmMonitoringPolicy.of(true, Sensitivity.HIGH));

        byte[] written = ClusterConfigFiles.toJson(c);
        assertThat(new String(written, StandardCharsets.UTF_8)).contains("\"state\" : \"vmMonitoringDisabled\"");
        assertThat(ClusterConfigFiles.parse(written, Path.of("/x"), "written")).isEqualTo(c);
        String stored = FdmJson.mapper().writeValueAsString(c);
        assertThat(FdmJson.mapper().readValue(stored, ClusterConfig.class)).isEqualTo(c);
    }

    @Test
    void hostModesAreReadWrittenAndStored() throws Exception {
        ClusterConfig c = parse(", \"mode\": \"maintenance\"", "");
        assertThat(c.host(HostId.of("host-1")).orElseThrow().mode()).isEqualTo(HostMode.MAINTENANCE);
        assertThat(c.host(HostId.of("host-2")).orElseThrow().mode()).as("absent: normal").isEqualTo(HostMode.NORMAL);
        assertThat(parse(", \"mode\": \"standby\"", "").hosts().get(0).mode()).isEqualTo(HostMode.STANDBY);
        byte[] written = ClusterConfigFiles.toJson(c);
        assertThat(new String(written, StandardCharsets.UTF_8)).contains("\"mode\" : \"maintenance\"")
                .doesNotContain("\"mode\" : \"normal\"");
        assertThat(ClusterConfigFiles.parse(written, Path.of("/x"), "written")).isEqualTo(c);
        String stored = FdmJson.mapper().writeValueAsString(c);
        assertThat(FdmJson.mapper().readValue(stored, ClusterConfig.class)).isEqualTo(c);
        // a host stored before the field existed reads as normal
        String old = stored.replace("\"mode\":\"MAINTENANCE\",", "").replace(",\"mode\":\"MAINTENANCE\"", "")
                .replace("\"mode\":\"NORMAL\",", "").replace(",\"mode\":\"NORMAL\"", "");
        assertThat(old).doesNotContain("\"mode\"");
        assertThat(FdmJson.mapper().readValue(old, ClusterConfig.class).hosts()).allSatisfy(h ->
                assertThat(h.mode()).isEqualTo(HostMode.NORMAL));
    }

    @Test
    void aModeChangeIsAnInPlaceChangeLikeAnOverride() {
        ClusterConfig normal = parse("", "");
        ClusterConfig maintenance = parse(", \"mode\": \"maintenance\"", "");
        assertThat(maintenance.differsOnlyInOverrides(normal)).isTrue();
        assertThat(normal.differsOnlyInOverrides(normal)).as("nothing changed").isFalse();
        ClusterConfig otherAddress = ClusterConfigFiles.parse(cluster(", \"mode\": \"maintenance\"", "")
                .replace("127.0.11.12", "127.0.11.13").getBytes(StandardCharsets.UTF_8), Path.of("/x"), "t");
        assertThat(otherAddress.differsOnlyInOverrides(normal)).as("a member moved: an election").isFalse();
    }

    @Test
    void badValuesNameTheirField() {
        assertThat(error(", \"mode\": \"sleeping\"", "").getMessage()).contains("cluster.hosts[0].mode")
                .contains("normal, maintenance, standby");
        assertThat(error(", \"mode\": \"Maintenance\"", "").field()).isEqualTo("cluster.hosts[0].mode");
        assertThat(error("", "{\"vm\": \"vm-1\", \"vmMonitoring\": {\"state\": \"vmAndAppMonitoring\"}}").field())
                .isEqualTo("cluster.vmOverrides[0].vmMonitoring.state");
        assertThat(error("", "{\"vm\": \"vm-1\", \"vmMonitoring\": {\"state\": \"vmMonitoringOnly\", \"sensitivity\": \"x\"}}")
                .field()).isEqualTo("cluster.vmOverrides[0].vmMonitoring.sensitivity");
        assertThat(error("", "{\"vm\": \"vm-1\", \"vmMonitoring\": {\"state\": \"vmMonitoringOnly\", \"failureIntervalMs\": 0}}")
                .field()).isEqualTo("cluster.vmOverrides[0].vmMonitoring.failureIntervalMs");
    }
}
