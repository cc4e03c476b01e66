package io.openfdm.sim.scenario;

import java.util.List;

/**
 * A parsed {@code cmdlist}: commands in time order, and the time the run ends.
 *
 * @param commands timed commands, times non-decreasing, all at or before {@code endMs}
 * @param endMs    virtual time the run stops, milliseconds
 */
public record CommandList(List<Timed> commands, long endMs) {
    public CommandList {
        commands = List.copyOf(commands);
    }

    /**
     * @param atMs  when, milliseconds of virtual time
     * @param command what
     * @param line  1-based line in the cmdlist file (0 for generated commands)
     */
    public record Timed(long atMs, Command command, int line) {
    }
}
