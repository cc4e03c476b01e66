package io.openfdm.bench.election;

import io.openfdm.core.status.AgentStatus;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AgreementTest {
    private static AgentStatus status(String host, String role, String master) {
        return new AgentStatus(host, role, master, "c1", 1, 0, Map.of(), List.of(), List.of(), List.of());
    }

    @Test
    void everyHostNamesTheSameMasterWhichIsMaster() {
        Map<String, AgentStatus> s = Map.of("host-1", status("host-1", "slave", "host-2"),
                "host-2", status("host-2", "master", "host-2"));
        assertThat(Agreement.master(s, List.of("host-1", "host-2"))).contains("host-2");
    }

    @Test
    void noAgreementWhenOneIsSilentElectingOrNamesAnother() {
        Map<String, AgentStatus> silent = Map.of("host-2", status("host-2", "master", "host-2"));
        assertThat(Agreement.master(silent, List.of("host-1", "host-2"))).isEmpty();
        Map<String, AgentStatus> electing = Map.of("host-1", status("host-1", "election", "host-2"),
                "host-2", status("host-2", "master", "host-2"));
        assertThat(Agreement.master(electing, List.of("host-1", "host-2"))).isEmpty();
        Map<String, AgentStatus> split = Map.of("host-1", status("host-1", "master", "host-1"),
                "host-2", status("host-2", "master", "host-2"));
        assertThat(Agreement.master(split, List.of("host-1", "host-2"))).isEmpty();
    }

    @Test
    void theNamedMasterMustAnswerAsMaster() {
        Map<String, AgentStatus> s = Map.of("host-1", status("host-1", "slave", "host-2"),
                "host-2", status("host-2", "slave", "host-2"));
        assertThat(Agreement.master(s, List.of("host-1", "host-2"))).isEmpty();
    }
}
