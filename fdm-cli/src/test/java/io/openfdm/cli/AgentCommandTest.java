package io.openfdm.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class AgentCommandTest {
    @TempDir
    Path tmp;

    @Test
    void badConfigExitsTwoNamingTheField() throws Exception {
        Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, "{\"host\":\"host-1\",\"stateDir\":\"state\",\"clusterConfig\":\"cluster.json\","
                + "\"admin\":{\"address\":\"8.8.8.8\",\"port\":8190},\"hypervisor\":\"simulated\"}");

        CliRun r = CliRun.of("agent", "--config", bad.toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("fdm: bad config: agent.admin.address: must be a loopback address");
    }

    @Test
    void malformedJsonExitsTwo() throws Exception {
        Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, "{\"host\": ");

        CliRun r = CliRun.of("agent", "--config", bad.toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("fdm: bad config: ");
    }

    @Test
    void missingConfigFileExitsTwo() {
        CliRun r = CliRun.of("agent", "--config", tmp.resolve("nope.json").toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("fdm: bad config: --config: ").contains("nope.json");
    }

    @Test
    void missingConfigOptionIsAUsageError() {
        CliRun r = CliRun.of("agent");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("Missing required option: '--config=FILE'");
    }
}
