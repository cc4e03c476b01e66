package io.openfdm.agent.config;

import io.openfdm.core.config.AdmissionControlPolicy;
import io.openfdm.core.config.ClusterConfig;
import io.openfdm.core.config.ConfigException;
import io.openfdm.core.config.HaPolicy;
import io.openfdm.core.model.HostId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** {@code ha.admissionControlPolicy} in {@code cluster.json}: read, written, and refused with the field named. */
class AdmissionControlConfigTest {
    @TempDir
    Path dir;

    private Path file(String policy) throws Exception {
        String json = """
                {"clusterId": "c1", "version": 1, "keyHex": "%s",
                 "datastores": [{"name": "ds-1", "path": "/x/ds-1"}],
                 "hosts": [{"moid": "host-1", "address": "127.0.9.11"}, {"moid": "host-2", "address": "127.0.9.12"},
                           {"moid": "host-3", "address": "127.0.9.13"}],
                 "ha": {%s}}
                """.formatted(ClusterFixtures.KEY_HEX, policy);
        Path f = dir.resolve("cluster.json");
        Files.writeString(f, json);
        return f;
    }

    private AdmissionControlPolicy read(String policyObject) throws Exception {
        return ClusterConfigFiles.read(file("\"admissionControlPolicy\": " + policyObject)).haPolicy().admissionControlPolicy();
    }

    @Test
    void readsEachPolicy() throws Exception {
        assertThat(read("{\"policy\": \"slotPolicy\"}")).isEqualTo(AdmissionControlPolicy.slots(1, 0, 0));
        assertThat(read("{\"policy\": \"slotPolicy\", \"hostFailuresToTolerate\": 2, \"slotCpuMhz\": 500, \"slotMemoryMb\": 1024}"))
                .isEqualTo(AdmissionControlPolicy.slots(2, 500, 1024));
        assertThat(read("{\"policy\": \"resourcePercentage\", \"cpuFailoverPercent\": 25, \"memoryFailoverPercent\": 30}"))
                .isEqualTo(AdmissionControlPolicy.percentage(1, 25, 30));
        assertThat(read("{\"policy\": \"resourcePercentage\"}")).isEqualTo(AdmissionControlPolicy.percentage(1, null, null));
        assertThat(read("{\"policy\": \"failoverHosts\", \"failoverHosts\": [\"host-3\"]}"))
                .isEqualTo(AdmissionControlPolicy.failoverHosts(1, List.of(HostId.of("host-3"))));
        assertThat(read("{\"policy\": \"disabled\"}")).isEqualTo(AdmissionControlPolicy.disabled());
    }

    @Test
    void withoutAPolicyTheDefaultIsComputedAndAdmissionControlOffDisablesAnyPolicy() throws Exception {
        HaPolicy none = ClusterConfigFiles.read(file("\"hostMonitoring\": true")).haPolicy();
        assertThat(none.admissionControlPolicy()).isNull();
        assertThat(none.admissionControlInForce()).isEqualTo(AdmissionControlPolicy.percentage(1, null, null));
        assertThat(none.admissionControlWarnings()).isFalse();

        HaPolicy off = ClusterConfigFiles.read(file("\"admissionControl\": false, \"admissionControlPolicy\": {\"policy\": \"slotPolicy\"}"))
                .haPolicy();
        assertThat(off.admissionControlInForce().policy()).isEqualTo(AdmissionControlPolicy.Kind.DISABLED);
        assertThat(off.admissionControlWarnings()).isFalse();
        HaPolicy on = ClusterConfigFiles.read(file("\"admissionControlPolicy\": {\"policy\": \"slotPolicy\"}")).haPolicy();
        assertThat(on.admissionControlWarnings()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{}                                                                  | cluster.ha.admissionControlPolicy.policy",
            "{\"policy\": \"slots\"}                                              | cluster.ha.admissionControlPolicy.policy",
            "{\"policy\": \"slotPolicy\", \"hostFailuresToTolerate\": 3}          | cluster.ha.admissionControlPolicy.hostFailuresToTolerate",
            "{\"policy\": \"slotPolicy\", \"hostFailuresToTolerate\": -1}         | cluster.ha.admissionControlPolicy.hostFailuresToTolerate",
            "{\"policy\": \"slotPolicy\", \"slotCpuMhz\": -5}                      | cluster.ha.admissionControlPolicy.slotCpuMhz",
            "{\"policy\": \"slotPolicy\", \"cpuFailoverPercent\": 20}              | cluster.ha.admissionControlPolicy.cpuFailoverPercent",
            "{\"policy\": \"resourcePercentage\", \"memoryFailoverPercent\": 101}  | cluster.ha.admissionControlPolicy.memoryFailoverPercent",
            "{\"policy\": \"resourcePercentage\", \"slotMemoryMb\": 10}            | cluster.ha.admissionControlPolicy.slotMemoryMb",
            "{\"policy\": \"failoverHosts\"}                                       | cluster.ha.admissionControlPolicy.failoverHosts",
            "{\"policy\": \"failoverHosts\", \"failoverHosts\": [\"host-9\"]}      | cluster.ha.admissionControlPolicy.failoverHosts[0]",
            "{\"policy\": \"failoverHosts\", \"failoverHosts\": [\"host-1\", \"host-1\"]} | cluster.ha.admissionControlPolicy.failoverHosts[1]",
            "{\"policy\": \"failoverHosts\", \"failoverHosts\": [\"host-1\", \"host-2\", \"host-3\"]} | cluster.ha.admissionControlPolicy.failoverHosts",
            "{\"policy\": \"resourcePercentage\", \"failoverHosts\": [\"host-1\"]} | cluster.ha.admissionControlPolicy.failoverHosts",
            "{\"policy\": \"slotPolicy\", \"slotsize\": 1}                         | cluster.ha.admissionControlPolicy.slotsize",
            "{\"policy\": \"slotPolicy\", \"slotCpuMhz\": \"big\"}                 | cluster.ha.admissionControlPolicy.slotCpuMhz",
    })
    void badPoliciesNameTheField(String policy, String field) throws Exception {
        Path f = file("\"admissionControlPolicy\": " + policy);
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ClusterConfigFiles.read(f));
        assertThat(e).as("expected a ConfigException").isNotNull();
        assertThat(e.field()).isEqualTo(field);
        assertThat(e.rule()).contains(f.toString());
    }

    @Test
    void writeThenReadKeepsThePolicy() throws Exception {
        ClusterConfig base = ClusterConfigFiles.read(file("\"hostMonitoring\": true"));
        for (AdmissionControlPolicy p : List.of(AdmissionControlPolicy.slots(2, 500, 0), AdmissionControlPolicy.percentage(1, 10, null),
                AdmissionControlPolicy.failoverHosts(1, List.of(HostId.of("host-2"))), AdmissionControlPolicy.disabled())) {
            ClusterConfig c = new ClusterConfig(base.clusterId(), 2, base.keyHex(), base.hosts(), base.datastores(), List.of(), 2,
                    base.timing(), new HaPolicy(true, base.haPolicy().isolationResponse(), true, p));
            Path out = dir.resolve("out.json");
            ClusterConfigFiles.write(out, c);
            assertThat(ClusterConfigFiles.read(out)).isEqualTo(c);
        }
    }
}
