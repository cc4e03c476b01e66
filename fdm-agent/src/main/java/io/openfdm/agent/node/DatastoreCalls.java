package io.openfdm.agent.node;

import java.util.function.Supplier;

/**
 * Where the node's datastore I/O runs (heartbeat, lease, protectedlist, poweron and poweredoff
 * files, accessibility checks), so that a slow or hung datastore never holds up the node's thread:
 * heartbeats, elections and the other datastores go on while a call waits for storage. VMware's
 * FDM likewise does its storage I/O off its main loop.
 *
 * <p>Calls on different datastores never wait for each other; calls on one datastore may run side
 * by side (the node keeps at most one outstanding per kind). The result comes back on the node's
 * thread. {@link #inline()} runs each call at once on the caller's thread (unit tests); the agent
 * runtime uses {@code io.openfdm.agent.storage.DatastoreWorkers} (a few worker threads per
 * datastore); the simulator runs a call inline while the datastore is fast and otherwise completes
 * it later in virtual time.
 *
 * <p>Deduplication (at most one outstanding call of a kind per datastore) is the caller's:
 * {@link DatastoreCallQueue}.
 */
public interface DatastoreCalls {

    /** Receives the result on the node's thread. */
    @FunctionalInterface
    interface Completion<T> {
        /**
         * @param result   what the call returned
         * @param nowMs    monotonic time of this delivery, ms
         * @param deferred true when delivered later on its own (the node must drain what it
         *                 queued), false when delivered inside the {@link #run} that started it
         */
        void done(T result, long nowMs, boolean deferred);
    }

    /**
     * Runs {@code work} against {@code datastore} and delivers its result to {@code done} on the
     * node's thread. {@code work} should turn I/O errors into values; work that throws anyway is
     * logged by asynchronous implementations and its completion receives {@code null}.
     *
     * @param datastore the datastore the work touches (its queue)
     * @param nowMs     the caller's monotonic time, ms
     */
    <T> void run(String datastore, long nowMs, Supplier<T> work, Completion<T> done);

    /** Runs each call at once, on the caller's thread. */
    static DatastoreCalls inline() {
        return new DatastoreCalls() {
            @Override
            public <T> void run(String datastore, long nowMs, Supplier<T> work, Completion<T> done) {
                done.done(work.get(), nowMs, false);
            }
        };
    }
}
