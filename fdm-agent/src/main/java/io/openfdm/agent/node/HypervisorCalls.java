package io.openfdm.agent.node;

import java.util.function.Supplier;

/**
 * Where the node's slow hypervisor work runs (a power-on: fencing check, register, power on).
 *
 * <p>{@link #inline()} runs it at once on the caller's thread and hands the result back before
 * returning: the simulator and the simulated hypervisor use it, so their behaviour stays exactly
 * step by step. The agent runtime uses a worker pool for the vSphere backend: the work runs there
 * and the completion is posted back to the agent thread, so a slow vCenter never holds up
 * heartbeats, elections or leases.
 */
public interface HypervisorCalls {

    /** Receives the result on the node's thread. */
    @FunctionalInterface
    interface Completion<T> {
        /**
         * @param result   what the work returned
         * @param nowMs    monotonic time of this delivery
         * @param deferred true when delivered later from the runtime's loop (the node must drain
         *                 what it queued), false when delivered inside the call that started it
         */
        void done(T result, long nowMs, boolean deferred);
    }

    /**
     * Runs {@code work} and delivers its result to {@code done} on the node's thread. Work that
     * throws is logged and not delivered.
     *
     * @param nowMs the caller's time (used by {@link #inline()})
     */
    <T> void run(long nowMs, Supplier<T> work, Completion<T> done);

    /** Runs the work at once, on the caller's thread. */
    static HypervisorCalls inline() {
        return new HypervisorCalls() {
            @Override
            public <T> void run(long nowMs, Supplier<T> work, Completion<T> done) {
                done.done(work.get(), nowMs, false);
            }
        };
    }
}
