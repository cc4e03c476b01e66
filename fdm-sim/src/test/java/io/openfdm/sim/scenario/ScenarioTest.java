package io.openfdm.sim.scenario;

import io.openfdm.sim.cluster.SimCluster;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs every story under {@code src/test/resources/scenarios/<name>/} and compares its timeline with
 * {@code log.expect}.
 *
 * <ul>
 *   <li>{@code -Dfdm.sim.scenario=<name>} runs one story.</li>
 *   <li>{@code -Dfdm.sim.rewrite=true} writes each produced timeline to {@code log.expect} instead
 *       of comparing; review every line with {@code git diff} before committing, never bless
 *       blindly.</li>
 *   <li>A story whose timeline shows behaviour judged wrong has no {@code log.expect} but a
 *       one-line {@code PENDING} file saying which lines and why. It still runs with every
 *       checker on (so its safety and completeness are enforced); only the timeline comparison
 *       is skipped, visibly, with that reason, and the produced timeline is written to
 *       {@code target/scenarios/<name>/log.produced} for review.</li>
 * </ul>
 */
class ScenarioTest {
    static final Path ROOT = Path.of("src/test/resources/scenarios");
    static final String PENDING = "PENDING";

    @TestFactory
    Stream<DynamicTest> scenarios() throws IOException {
        String only = System.getProperty("fdm.sim.scenario", "");
        boolean rewrite = Boolean.getBoolean("fdm.sim.rewrite");
        List<Path> dirs;
        try (Stream<Path> list = Files.list(ROOT)) {
            dirs = list.filter(Files::isDirectory)
                    .filter(d -> only.isEmpty() || d.getFileName().toString().equals(only))
                    .sorted().toList();
        }
        assertThat(dirs).as("scenario directories under " + ROOT.toAbsolutePath()).isNotEmpty();
        return dirs.stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> run(dir, rewrite)));
    }

    private static void run(Path dir, boolean rewrite) throws IOException {
        Scenario scenario = Scenario.load(dir);
        SimCluster cluster = ScenarioRunner.run(scenario);
        String actual = cluster.timeline().render();
        Path expectFile = dir.resolve(Scenario.LOG_EXPECT);
        Path pending = dir.resolve(PENDING);
        if (Files.exists(pending)) {
            Path produced = Path.of("target/scenarios", scenario.name(), "log.produced");
            Files.createDirectories(produced.getParent());
            Files.writeString(produced, actual, StandardCharsets.UTF_8);
            assertThat(expectFile).as("a PENDING story must not also have a " + Scenario.LOG_EXPECT).doesNotExist();
            Assumptions.abort(scenario.name() + ": invariants hold; timeline comparison pending: "
                    + Files.readString(pending, StandardCharsets.UTF_8).strip() + " (produced timeline in " + produced + ")");
        }
        if (rewrite) {
            Files.writeString(expectFile, actual, StandardCharsets.UTF_8);
            return;
        }
        if (scenario.expected().isEmpty()) {
            fail(scenario.name() + ": no " + Scenario.LOG_EXPECT + "; write it with -Dfdm.sim.rewrite=true and review it."
                    + "\nproduced timeline:\n" + actual);
        }
        String diff = LineDiff.unified(scenario.name() + "/" + Scenario.LOG_EXPECT, scenario.expected().get(),
                scenario.name() + " (this run)", actual);
        if (!diff.isEmpty()) {
            fail(scenario.name() + ": " + scenario.story() + "\ntimeline differs from " + Scenario.LOG_EXPECT
                    + " (seed " + scenario.cluster().seed() + "; replay: " + ScenarioRunner.replayCommand(scenario.name())
                    + ")\n" + diff);
        }
    }
}
