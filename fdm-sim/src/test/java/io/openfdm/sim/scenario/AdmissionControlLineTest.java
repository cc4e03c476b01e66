package io.openfdm.sim.scenario;

import io.openfdm.core.config.AdmissionControlPolicy;
import io.openfdm.core.model.HostId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code admission-control} line of a scenario's {@code cluster} file. */
class AdmissionControlLineTest {
    private static final String HOSTS = """
            datastore ds-1
            host host-1 datastores ds-1 cpu 10000 mem 8192
            host host-2 datastores ds-1 cpu 10000 mem 8192
            host host-3 datastores ds-1 cpu 10000 mem 8192
            """;

    private static ClusterDescription parse(String line) {
        return ClusterParser.parse(HOSTS + line + "\n");
    }

    @Test
    void eachPolicyParsesIntoTheConfigurationAndBackToText() {
        assertThat(parse("admission-control slotPolicy failures 2 slot-cpu 500 slot-mem 1024").admissionControl())
                .isEqualTo(AdmissionControlPolicy.slots(2, 500, 1024));
        assertThat(parse("admission-control resourcePercentage cpu-percent 30").admissionControl())
                .isEqualTo(AdmissionControlPolicy.percentage(1, 30, null));
        assertThat(parse("admission-control failoverHosts hosts host-3").admissionControl())
                .isEqualTo(AdmissionControlPolicy.failoverHosts(1, List.of(HostId.of("host-3"))));
        assertThat(parse("admission-control disabled").admissionControl()).isEqualTo(AdmissionControlPolicy.disabled());
        assertThat(ClusterParser.parse(HOSTS).admissionControl()).isNull();
        assertThat(ClusterParser.parse(HOSTS).toClusterConfig().haPolicy().admissionControlPolicy()).isNull();

        ClusterDescription c = parse("admission-control slotPolicy failures 1 slot-cpu 500");
        assertThat(c.toClusterConfig().haPolicy().admissionControlPolicy()).isEqualTo(AdmissionControlPolicy.slots(1, 500, 0));
        assertThat(ClusterParser.parse(c.toText())).isEqualTo(c);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "admission-control                                 | expected 'admission-control <slotPolicy",
            "admission-control slots                           | policy must be one of [slotPolicy, resourcePercentage, failoverHosts, disabled]",
            "admission-control slotPolicy failures             | expected 'admission-control",
            "admission-control slotPolicy size 3               | unknown key 'size'",
            "admission-control slotPolicy failures x           | failures must be an integer",
            "admission-control slotPolicy failures 3           | admission-control.hostFailuresToTolerate: must be smaller than the number of hosts (3)",
            "admission-control failoverHosts hosts host-9      | admission-control.failoverHosts[0]: names unknown host host-9",
    })
    void badLinesNameTheLineAndTheRule(String line, String message) {
        assertThatThrownBy(() -> parse(line)).isInstanceOf(ScenarioSyntaxException.class)
                .hasMessageStartingWith("cluster:5: ").hasMessageContaining(message);
    }
}
