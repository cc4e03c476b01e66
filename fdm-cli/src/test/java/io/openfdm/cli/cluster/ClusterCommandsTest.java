package io.openfdm.cli.cluster;

import io.openfdm.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The cluster commands on a written-but-not-started cluster: no agent processes needed. */
class ClusterCommandsTest {
    @TempDir
    Path tmp;

    private String writeCluster() {
        ClusterLayout.write(LayoutPlan.of(tmp.resolve("c"), new LayoutSpec(2, 1, 2, "default", "127.0.0.11", "c1"),
                new SecureRandom()));
        return tmp.resolve("c").toString();
    }

    @Test
    void statusListsEveryHostsProcess() {
        CliRun r = CliRun.of("cluster", "status", "--dir", writeCluster());

        assertThat(r.exitCode()).isZero();
        assertThat(r.out().lines()).containsExactly(
                "cluster " + tmp.resolve("c"),
                "HOST    ADMIN            PROCESS      PID",
                "host-1  127.0.0.11:8190  not started  -",
                "host-2  127.0.0.12:8190  not started  -");
    }

    @Test
    void killingAnUnknownHostIsAUsageErrorListingTheHosts() {
        CliRun r = CliRun.of("cluster", "kill-host", "host-9", "--dir", writeCluster());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("no host host-9").contains("host-1, host-2");
    }

    @Test
    void killingAHostThatIsNotRunningFails() {
        CliRun r = CliRun.of("cluster", "kill-host", "host-1", "--dir", writeCluster());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("host-1 is not running (not started)");
        assertThat(tmp.resolve("c/hosts/host-1/killed")).doesNotExist();
    }

    @Test
    void upRefusesADirectoryHoldingACluster() {
        String dir = writeCluster();

        CliRun r = CliRun.of("cluster", "up", "--hosts", "2", "--dir", dir);

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("already holds a stopped cluster").contains("start-host --all");
    }

    @Test
    void downWithNothingRunningSaysSo() {
        CliRun r = CliRun.of("cluster", "down", "--dir", writeCluster());

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("no agent was running");
    }

    @Test
    void inspectingAClusterWithNoRunningAgentFailsWithExitOne() throws Exception {
        String dir = writeCluster();
        Files.writeString(tmp.resolve("c/hosts/host-2/pid"), "999999999\n");

        CliRun r = CliRun.of("hosts", "--dir", dir);

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("no agent answered").contains("host-1 (not started)").contains("host-2 (exited)");
    }
}
