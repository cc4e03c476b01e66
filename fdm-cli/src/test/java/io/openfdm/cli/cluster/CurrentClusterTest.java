package io.openfdm.cli.cluster;

import io.openfdm.cli.CliException;
import io.openfdm.cli.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CurrentClusterTest {
    @TempDir
    Path tmp;

    @Test
    void explicitDirWinsOverEnvironmentAndRecordedFile() {
        CurrentCluster c = new CurrentCluster(tmp.resolve("home/current"), Map.of(CurrentCluster.ENV, "/from/env"));
        c.record(Path.of("/recorded"));

        assertThat(c.find(tmp.resolve("x"))).contains(tmp.resolve("x"));
        assertThat(c.find(null)).contains(Path.of("/from/env"));
        assertThat(new CurrentCluster(tmp.resolve("home/current"), Map.of()).find(null)).contains(Path.of("/recorded"));
    }

    @Test
    void recordWritesTheAbsoluteDirectoryOnOneLine() throws Exception {
        CurrentCluster c = new CurrentCluster(tmp.resolve("h/current"), Map.of());
        c.record(tmp.resolve("a/../cl"));

        assertThat(Files.readString(tmp.resolve("h/current"))).isEqualTo(tmp.resolve("cl") + "\n");
    }

    @Test
    void nothingRecordedIsAUsageErrorThatExplainsTheChoices() {
        CurrentCluster c = new CurrentCluster(tmp.resolve("none/current"), Map.of());

        assertThat(c.find(null)).isEmpty();
        assertThatThrownBy(() -> c.require(null)).isInstanceOfSatisfying(CliException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(e.getMessage()).contains("--dir").contains(CurrentCluster.ENV).contains("fdm cluster up");
        });
    }
}
