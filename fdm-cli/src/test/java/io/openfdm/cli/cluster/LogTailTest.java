package io.openfdm.cli.cluster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class LogTailTest {
    @TempDir
    Path tmp;

    @Test
    void keepsTheLastMessageLinesAndDropsStackFrames() throws Exception {
        Path log = tmp.resolve("agent.log");
        Files.writeString(log, "agent starting\nERROR agent could not start: port in use\n"
                + "java.net.BindException: Address already in use\n\tat sun.nio.ch.Net.bind(Net.java:1)\n"
                + "\tat x.Y.z(Y.java:2)\nCaused by: java.io.IOException: boom\n\t... 3 more\n\n");

        assertThat(LogTail.of(log, 3)).containsExactly("ERROR agent could not start: port in use",
                "java.net.BindException: Address already in use", "Caused by: java.io.IOException: boom");
    }

    @Test
    void missingFileHasNoTail() {
        assertThat(LogTail.of(tmp.resolve("none.log"), 3)).isEmpty();
    }
}
