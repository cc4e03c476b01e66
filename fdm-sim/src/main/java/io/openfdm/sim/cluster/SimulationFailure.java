package io.openfdm.sim.cluster;

import io.openfdm.sim.scenario.Times;

/**
 * A run broke: an invariant failed or the agent threw. The message carries everything needed to
 * replay it: the seed, the virtual time, and the command line.
 */
public final class SimulationFailure extends AssertionError {
    private static final long serialVersionUID = 1L;

    /**
     * @param seed   the run's seed
     * @param atMs   virtual time of the failure, milliseconds
     * @param replay command line that replays the run
     * @param cause  the broken invariant or the agent's exception
     */
    public SimulationFailure(long seed, long atMs, String replay, Throwable cause) {
        super(cause.getMessage() + "\n  seed " + seed + ", virtual time " + Times.format(atMs) + " s\n  replay: "
                + replay, cause);
    }
}
