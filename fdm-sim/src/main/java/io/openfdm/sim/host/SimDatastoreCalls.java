package io.openfdm.sim.host;

import io.openfdm.agent.node.DatastoreCalls;
import io.openfdm.sim.storage.SimDatastores;
import io.openfdm.sim.time.Scheduler;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One {@link SimHost}'s datastore workers in virtual time, one per datastore, as the agent
 * runtime's {@code DatastoreWorkers} has them. A call on a datastore that is fast ({@code slow-io}
 * latency 0) and whose worker is idle runs at once, inside the agent's step, exactly as before the
 * workers existed. Otherwise it queues on its datastore's worker: it starts when the calls before
 * it have finished, takes the datastore's latency (as set when the call is submitted), and at its
 * end the I/O happens (reads see the datastore as it is then, writes land then) and the result is
 * delivered to the agent in a step of its own. Calls on other datastores and the agent's own steps
 * go on meanwhile. A new agent process starts with idle workers; the calls of a dead one never
 * complete.
 */
final class SimDatastoreCalls implements DatastoreCalls {
    private final SimHost host;
    private final SimDatastores datastores;
    private final Scheduler scheduler;
    /** Per datastore: virtual time at which its worker is free again. */
    private final Map<String, Long> busyUntilMs = new HashMap<>();

    SimDatastoreCalls(SimHost host, SimDatastores datastores, Scheduler scheduler) {
        this.host = host;
        this.datastores = datastores;
        this.scheduler = scheduler;
    }

    @Override
    public <T> void run(String datastore, long nowMs, Supplier<T> work, Completion<T> done) {
        long now = scheduler.nowMs();
        long latencyMs = datastores.latencyMs(host.id(), datastore);
        long freeMs = busyUntilMs.getOrDefault(datastore, Long.MIN_VALUE);
        if (latencyMs == 0 && freeMs <= now) {
            done.done(work.get(), nowMs, false);
            return;
        }
        long endMs = Math.max(now, freeMs) + latencyMs;
        busyUntilMs.put(datastore, endMs);
        int incarnation = host.incarnation();
        scheduler.at(endMs, () -> host.completeDatastoreCall(incarnation, work, done));
    }

    /** A new agent process: every worker idle. */
    void reset() {
        busyUntilMs.clear();
    }
}
