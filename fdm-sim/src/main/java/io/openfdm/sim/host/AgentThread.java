package io.openfdm.sim.host;

/**
 * One host's agent thread in virtual time. The agent is single-threaded: each event it handles (a
 * tick, a datagram, a datastore call's answer) is one <em>step</em>. The agent's datastore calls
 * run on workers ({@link SimDatastoreCalls}) and cost the thread nothing; a datastore call made
 * inside a step on a slow datastore (the fencing read of a power-on, which the simulator's inline
 * hypervisor calls make there) blocks the thread: every such call adds its latency to the step's
 * I/O time, the step's later actions happen that much
 * later (writes land and datagrams leave at step start + the I/O time spent so far), and the
 * thread handles nothing else until the step's I/O time has passed: ticks and datagrams that
 * come in meanwhile wait in order, which is how a stalled NFS server delays lease renewals in
 * real life.
 */
final class AgentThread {
    private long busyUntilMs;
    private long stepStartMs;
    private long inStepMs;
    private boolean inStep;

    /** True while a step started earlier is still blocked in I/O at virtual time {@code nowMs}. */
    boolean busy(long nowMs) {
        return nowMs < busyUntilMs;
    }

    /** When the thread is free again, virtual ms. */
    long busyUntilMs() {
        return busyUntilMs;
    }

    void begin(long nowMs) {
        inStep = true;
        stepStartMs = nowMs;
        inStepMs = 0;
    }

    /**
     * A call of {@code latencyMs} ran; outside a step it costs nothing.
     *
     * @return the I/O time of the step when this call completes, ms after the step's start
     */
    long charge(long latencyMs) {
        if (inStep) {
            inStepMs += latencyMs;
        }
        return inStep ? inStepMs : 0;
    }

    /** I/O time spent so far in the current step (0 between steps), ms. */
    long inStepMs() {
        return inStep ? inStepMs : 0;
    }

    /** Virtual time at which the current (or last) step started, ms. */
    long stepStartMs() {
        return stepStartMs;
    }

    /** Ends the step: the thread stays blocked until its I/O time has passed. */
    void end() {
        busyUntilMs = Math.max(busyUntilMs, stepStartMs + inStepMs);
        inStep = false;
        inStepMs = 0;
    }

    /** A new agent process: nothing blocked. */
    void reset() {
        busyUntilMs = 0;
        inStep = false;
        inStepMs = 0;
    }
}
