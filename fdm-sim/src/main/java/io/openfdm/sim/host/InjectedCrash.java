package io.openfdm.sim.host;

/**
 * Thrown out of a datastore call or a send of the agent when an armed {@code crash-at} strikes, to
 * abandon the rest of the agent's step (the process is gone). An {@link Error}, so no
 * {@code catch (RuntimeException)} in the agent swallows it; {@link SimHost} catches it around
 * every step.
 */
final class InjectedCrash extends Error {
    private static final long serialVersionUID = 1L;

    /** I/O time of the step when the crash strikes, ms after the step's start. */
    final long atStepMs;

    InjectedCrash(long atStepMs) {
        super("injected crash", null, false, false);
        this.atStepMs = atStepMs;
    }
}
