package io.openfdm.agent.config;

import io.openfdm.core.config.ClusterConfig;
import io.openfdm.core.config.ConfigException;
import io.openfdm.core.config.VmMonitoringPolicy;
import io.openfdm.core.config.VmMonitoringPolicy.Sensitivity;
import io.openfdm.datastore.json.FdmJson;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** {@code ha.vmMonitoring} in {@code cluster.json}. */
class VmMonitoringConfigTest {
    private static String cluster(String ha) {
        return """
                {"clusterId": "c1", "version": 1, "keyHex": "%s",
                 "datastores": [{"name": "ds-1", "path": "/x/ds-1"}],
                 "hosts": [{"moid": "host-1", "address": "127.0.10.11", "datastores": ["ds-1"]}]%s}
                """.formatted(ClusterFixtures.KEY_HEX, ha == null ? "" : ", \"ha\": " + ha);
    }

    private static ClusterConfig parse(String ha) {
        return ClusterConfigFiles.parse(cluster(ha).getBytes(StandardCharsets.UTF_8), Path.of("/x"), "test");
    }

    private static ConfigException error(String ha) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> parse(ha));
        assertThat(e).as("expected a ConfigException").isNotNull();
        return e;
    }

    @Test
    void absentMeansDisabledAsInVsphere() {
        assertThat(parse(null).haPolicy().vmMonitoring()).isEqualTo(VmMonitoringPolicy.disabled());
        assertThat(parse("{\"hostMonitoring\": true}").haPolicy().vmMonitoring().enabled()).isFalse();
    }

    @Test
    void eachSensitivityGivesVmwaresPreset() {
        for (Sensitivity s : Sensitivity.values()) {
            VmMonitoringPolicy p = parse("{\"vmMonitoring\": {\"state\": \"vmMonitoringOnly\", \"sensitivity\": \""
                    + s.wireName() + "\"}}").haPolicy().vmMonitoring();
            assertThat(p).isEqualTo(VmMonitoringPolicy.of(true, s));
        }
        assertThat(parse("{\"vmMonitoring\": {\"state\": \"vmMonitoringOnly\"}}").haPolicy().vmMonitoring())
                .isEqualTo(VmMonitoringPolicy.of(true, Sensitivity.HIGH));
    }

    @Test
    void customValuesReplaceThePresetsAndRoundTripThroughTheFile() throws Exception {
        ClusterConfig c = parse("{\"vmMonitoring\": {\"state\": \"vmMonitoringOnly\", \"sensitivity\": \"low\","
                + " \"failureIntervalMs\": 45000, \"maxResets\": 5}}");
        VmMonitoringPolicy p = c.haPolicy().vmMonitoring();
        assertThat(p).isEqualTo(new VmMonitoringPolicy(true, 45_000, 120_000, 5, Sensitivity.LOW.resetWindowMs()));
        byte[] written = ClusterConfigFiles.toJson(c);
        assertThat(new String(written, StandardCharsets.UTF_8)).contains("\"state\" : \"vmMonitoringOnly\"");
        assertThat(ClusterConfigFiles.parse(written, Path.of("/x"), "written").haPolicy()).isEqualTo(c.haPolicy());
        // the stored form (H2, status) round-trips too, and an older one without the field reads as disabled
        String json = FdmJson.mapper().writeValueAsString(c.haPolicy());
        assertThat(FdmJson.mapper().readValue(json, io.openfdm.core.config.HaPolicy.class)).isEqualTo(c.haPolicy());
        assertThat(FdmJson.mapper().readValue("{\"hostMonitoring\":true,\"isolationResponse\":\"none\",\"admissionControl\":true}",
                io.openfdm.core.config.HaPolicy.class).vmMonitoring()).isEqualTo(VmMonitoringPolicy.disabled());
    }

    @Test
    void badValuesNameTheirField() {
        assertThat(error("{\"vmMonitoring\": {\"state\": \"vmAndAppMonitoring\"}}").field())
                .isEqualTo("cluster.ha.vmMonitoring.state");
        assertThat(error("{\"vmMonitoring\": {\"state\": \"vmMonitoringOnly\", \"sensitivity\": \"extreme\"}}").getMessage())
                .contains("cluster.ha.vmMonitoring.sensitivity").contains("high, medium, low");
        assertThat(error("{\"vmMonitoring\": {\"failureIntervalMs\": 0}}").field())
                .isEqualTo("cluster.ha.vmMonitoring.failureIntervalMs");
        assertThat(error("{\"vmMonitoring\": {\"maxResets\": 0}}").field()).isEqualTo("cluster.ha.vmMonitoring.maxResets");
        assertThat(error("{\"vmMonitoring\": {\"minUptimeMs\": -1}}").field()).isEqualTo("cluster.ha.vmMonitoring.minUptimeMs");
        assertThat(error("{\"vmMonitoring\": {\"resetWindowMs\": -5}}").field()).isEqualTo("cluster.ha.vmMonitoring.resetWindowMs");
    }
}
