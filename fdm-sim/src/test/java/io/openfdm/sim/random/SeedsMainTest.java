package io.openfdm.sim.random;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class SeedsMainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return SeedsMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String lastLine() {
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        return lines[lines.length - 1];
    }

    @Test
    void aPassingRangeEndsWithTheCountsAndExitsZero() {
        assertThat(run("--from", "1", "--count", "3", "--threads", "2")).isZero();
        assertThat(lastLine()).isEqualTo("3 passed, 0 failed");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("seeds 1..3 on 2 threads in");
    }

    @Test
    void aFailingSeedPrintsItsReplayCommandAndExitsOne() {
        // seed 2476 (outside CI's range) still fails: a VM on two hosts after storage loss and a
        // partition (docs/failure-semantics.md, known gaps); the command reports it as it is
        assertThat(run("--from", "2476", "--to", "2476")).isEqualTo(1);
        assertThat(lastLine()).isEqualTo("0 passed, 1 failed");
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("FAILED seed 2476: ")
                .contains("replay: mvn -pl fdm-sim test -Dtest=RandomScheduleTest -Dfdm.sim.seed=2476");
    }

    @Test
    void badArgumentsExitTwoNamingTheArgument() {
        assertThat(run("--count", "many")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--count must be an integer, was 'many'");
        assertThat(run("--from", "5", "--to", "1")).isEqualTo(2);
        assertThat(run("--threads", "0", "--count", "1")).isEqualTo(2);
        assertThat(run("--seeds", "3")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown argument '--seeds'");
    }
}
