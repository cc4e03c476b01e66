package io.openfdm.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class CliParsingTest {
    @TempDir
    Path tmp;

    @BeforeEach
    void isolateHome() {
        System.setProperty("fdm.home", tmp.resolve("fdm-home").toString());
    }

    @AfterEach
    void restoreHome() {
        System.clearProperty("fdm.home");
    }

    @Test
    void unknownOptionIsAUsageError() {
        CliRun r = CliRun.of("status", "--bogus");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("Unknown option: '--bogus'");
    }

    @Test
    void missingCommandIsAUsageError() {
        assertThat(CliRun.of().exitCode()).isEqualTo(2);
        assertThat(CliRun.of("cluster").exitCode()).isEqualTo(2);
        assertThat(CliRun.of("vm").exitCode()).isEqualTo(2);
        assertThat(CliRun.of("vm", "power-on").exitCode()).isEqualTo(2);
        assertThat(CliRun.of("cluster", "start-host").exitCode()).isEqualTo(2);
    }

    @Test
    void badAgentAddressIsAUsageError() {
        CliRun r = CliRun.of("hosts", "--agent", "nonsense");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("expected HOST:PORT");
        assertThat(CliRun.of("hosts", "--agent", "127.0.0.11:0").err()).contains("port must be 1-65535");
    }

    @Test
    void agentWithoutTokenOutsideALocalClusterAsksForTheTokenFile() {
        CliRun r = CliRun.of("status", "--agent", "127.0.0.1:9", "--dir", tmp.resolve("nothing").toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("fdm: --token-file is required with --agent 127.0.0.1:9");
    }

    @Test
    void nonNumericOptionIsAUsageError() {
        CliRun r = CliRun.of("cluster", "up", "--hosts", "many", "--dir", tmp.resolve("c").toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--hosts");
    }

    @Test
    void outOfRangeValuesAreUsageErrorsAndWriteNothing() {
        CliRun up = CliRun.of("cluster", "up", "--hosts", "0", "--dir", tmp.resolve("c").toString());
        CliRun events = CliRun.of("events", "--limit", "0", "--dir", tmp.toString());
        CliRun demo = CliRun.of("demo", "--hosts", "2");

        assertThat(up.exitCode()).isEqualTo(2);
        assertThat(up.err()).isEqualTo("fdm: --hosts must be 1-64, was 0\n");
        assertThat(tmp.resolve("c")).doesNotExist();
        assertThat(events.exitCode()).isEqualTo(2);
        assertThat(events.err()).contains("--limit must be 1-10000");
        assertThat(demo.exitCode()).isEqualTo(2);
        assertThat(demo.err()).contains("--hosts must be at least 3");
    }

    @Test
    void inspectingADirectoryWithoutAClusterIsAUsageError() {
        CliRun r = CliRun.of("vms", "--dir", tmp.toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("holds no local cluster").contains("fdm cluster up --dir");
    }

    @Test
    void noClusterAnywhereIsAUsageErrorExplainingTheChoices() {
        CliRun r = CliRun.of("cluster", "status");

        // FDM_CLUSTER_DIR may be set in a developer's shell; only assert when it is not.
        if (System.getenv("FDM_CLUSTER_DIR") == null) {
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err()).contains("no local cluster");
        }
    }

    @Test
    void helpAndVersionExitZero() {
        CliRun help = CliRun.of("--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("agent").contains("status").contains("hosts").contains("vms")
                .contains("datastores").contains("events").contains("cluster").contains("demo");
        assertThat(CliRun.of("--version").out()).contains("fdm");
    }
}
