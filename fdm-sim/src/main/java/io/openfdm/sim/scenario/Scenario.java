package io.openfdm.sim.scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One story, read from its directory (pve-ha-manager's test layout):
 * <pre>
 * &lt;name&gt;/README      one line: the story
 * &lt;name&gt;/cluster     the cluster at second 0 ({@link ClusterParser})
 * &lt;name&gt;/cmdlist     timed commands and the end ({@link CommandParser})
 * &lt;name&gt;/log.expect  the expected timeline (absent until written and reviewed)
 * </pre>
 *
 * @param name     the directory name
 * @param dir      the directory
 * @param story    the README line
 * @param cluster  parsed cluster file
 * @param commands parsed cmdlist
 * @param expected the expected timeline, if the file exists
 */
public record Scenario(String name, Path dir, String story, ClusterDescription cluster, CommandList commands,
                       Optional<String> expected) {
    public static final String README = "README";
    public static final String CLUSTER = "cluster";
    public static final String CMDLIST = "cmdlist";
    public static final String LOG_EXPECT = "log.expect";

    /**
     * Reads and parses a scenario directory.
     *
     * @throws ScenarioSyntaxException when a file does not parse (the message names the scenario)
     * @throws UncheckedIOException    when README, cluster or cmdlist cannot be read
     */
    public static Scenario load(Path dir) {
        String name = dir.getFileName().toString();
        String story = read(dir.resolve(README)).strip();
        if (story.isEmpty() || story.contains("\n")) {
            throw new ScenarioSyntaxException(name + "/" + README, 1, "must be exactly one non-empty line");
        }
        ClusterDescription cluster;
        CommandList commands;
        try {
            cluster = ClusterParser.parse(read(dir.resolve(CLUSTER)));
            commands = new CommandParser(cluster).parse(read(dir.resolve(CMDLIST)));
        } catch (ScenarioSyntaxException e) {
            throw new ScenarioSyntaxException(name + "/" + e.file(), e.line(),
                    e.getMessage().substring(e.getMessage().indexOf(": ") + 2));
        }
        Path expect = dir.resolve(LOG_EXPECT);
        Optional<String> expected = Files.exists(expect) ? Optional.of(read(expect)) : Optional.empty();
        return new Scenario(name, dir, story, cluster, commands, expected);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
