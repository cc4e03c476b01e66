package io.openfdm.datastore.json;

import io.openfdm.core.config.ClusterConfig;
import io.openfdm.core.config.DatastoreSpec;
import io.openfdm.core.config.HaPolicy;
import io.openfdm.core.config.HostSpec;
import io.openfdm.core.config.IsolationPolicy;
import io.openfdm.core.config.IsolationResponse;
import io.openfdm.core.config.Timing;
import io.openfdm.core.config.VmMonitoringPolicy;
import io.openfdm.core.config.VmOverride;
import io.openfdm.core.model.Claim;
import io.openfdm.core.model.HostId;
import io.openfdm.core.model.PowerState;
import io.openfdm.core.model.RestartPriority;
import io.openfdm.core.model.VmId;
import io.openfdm.core.model.VmInfo;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FdmJsonTest {
    @Test
    void moidsAreStringsAndRecordsRoundTrip() throws Exception {
        VmInfo vm = new VmInfo(VmId.of("vm-1"), "web", "ds-1", PowerState.POWERED_ON, 500, 1024, RestartPriority.HIGH);
        String json = FdmJson.mapper().writeValueAsString(vm);
        assertThat(json).contains("\"id\":\"vm-1\"").contains("\"power\":\"POWERED_ON\"");
        assertThat(FdmJson.mapper().readValue(json, VmInfo.class)).isEqualTo(vm);

        Claim claim = new Claim(HostId.of("host-99"), 3);
        String c = FdmJson.mapper().writeValueAsString(claim);
        assertThat(c).isEqualTo("{\"host\":\"host-99\",\"datastores\":3,\"candidate\":true}");
        assertThat(FdmJson.mapper().readValue(c, Claim.class)).isEqualTo(claim);
    }

    @Test
    void clusterConfigWithHaPolicyRoundTripsAndAnOlderOneGetsTheDefaults() throws Exception {
        ClusterConfig config = new ClusterConfig("c1", 3, "ab".repeat(32),
                List.of(new HostSpec(HostId.of("host-1"), "127.0.0.11", 8182, List.of("ds-1"), 1000, 1000)),
                List.of(new DatastoreSpec("ds-1", "/d1")),
                List.of(new VmOverride(VmId.of("vm-1"), true, RestartPriority.HIGH, IsolationResponse.POWER_OFF),
                        new VmOverride(VmId.of("vm-2"), false, null)),
                2, Timing.defaults(), new HaPolicy(false, IsolationResponse.SHUTDOWN, false));
        String json = FdmJson.mapper().writeValueAsString(config);
        assertThat(json).contains("\"haPolicy\":{\"hostMonitoring\":false,\"isolationResponse\":\"shutdown\",\"admissionControl\":false,"
                        + "\"isolation\":{\"isolationAddresses\":[],\"useDefaultIsolationAddress\":true,\"policyDelayMs\":30000,"
                        + "\"shutdownTimeoutMs\":300000},\"vmMonitoring\":{")
                .contains(",\"admissionControlPolicy\":null}")
                .contains("\"isolationResponse\":\"powerOff\"");
        assertThat(FdmJson.mapper().readValue(json, ClusterConfig.class)).isEqualTo(config);

        String withoutIsolation = json.replaceAll(",\"isolation\":\\{[^}]*\\}", "");
        assertThat(withoutIsolation).doesNotContain("policyDelayMs");
        assertThat(FdmJson.mapper().readValue(withoutIsolation, ClusterConfig.class).haPolicy().isolation())
                .isEqualTo(IsolationPolicy.defaults());

        // an older form: no VM monitoring in the policy, none in the overrides (VmOverride.vmMonitoring)
        String withoutMonitoring = json.replaceAll(",\"vmMonitoring\":\\{[^}]*\\}", "").replace(",\"vmMonitoring\":null", "");
        assertThat(withoutMonitoring).doesNotContain("vmMonitoring");
        assertThat(FdmJson.mapper().readValue(withoutMonitoring, ClusterConfig.class).haPolicy().vmMonitoring())
                .isEqualTo(VmMonitoringPolicy.disabled());

        String older = withoutMonitoring.replaceAll(",\"isolation\":\\{[^}]*\\}", "")
                .replaceAll(",\"haPolicy\":\\{[^}]*\\}", "");
        assertThat(older).doesNotContain("haPolicy");
        assertThat(FdmJson.mapper().readValue(older, ClusterConfig.class).haPolicy()).isEqualTo(HaPolicy.defaults());

        ClusterConfig withPolicy = new ClusterConfig("c1", 3, config.keyHex(), config.hosts(), config.datastores(), List.of(), 2,
                Timing.defaults(), new HaPolicy(true, IsolationResponse.NONE, true,
                        io.openfdm.core.config.AdmissionControlPolicy.failoverHosts(1, List.of(HostId.of("host-1")))));
        String policyJson = FdmJson.mapper().writeValueAsString(withPolicy);
        assertThat(policyJson).contains("\"failoverHosts\":[\"host-1\"]");
        assertThat(FdmJson.mapper().readValue(policyJson, ClusterConfig.class)).isEqualTo(withPolicy);

        assertThatThrownBy(() -> FdmJson.mapper().readValue(json.replace("\"shutdown\"", "\"off\""), ClusterConfig.class))
                .hasMessageContaining("isolation response must be one of [none, powerOff, shutdown], was off");
    }
}
