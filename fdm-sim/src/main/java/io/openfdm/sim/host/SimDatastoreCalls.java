package io.openfdm.sim.host;

import io.openfdm.agent.node.DatastoreCalls;
import io.openfdm.sim.storage.SimDatastores;
import io.openfdm.sim.time.Scheduler;

import java.util.function.Supplier;

/**
 * One {@link SimHost}'s datastore workers in virtual time, as the agent runtime's
 * {@code DatastoreWorkers} has them: calls on one datastore run side by side (an NFS client keeps
 * many requests in flight), each taking the datastore's {@code slow-io} latency as it is when the
 * call is submitted, and calls on other datastores are not affected. A call on a fast datastore
 * (latency 0) runs at once, inside the agent's step, exactly as before the workers existed. A slow
 * call's I/O happens at its end (reads see the datastore as it is then, writes land then: the
 * latest a slow write can land) and its result is delivered to the agent in a step of its own; the
 * agent's other steps go on meanwhile. The calls of an agent process that has died never complete.
 */
final class SimDatastoreCalls implements DatastoreCalls {
    private final SimHost host;
    private final SimDatastores datastores;
    private final Scheduler scheduler;

    SimDatastoreCalls(SimHost host, SimDatastores datastores, Scheduler scheduler) {
        this.host = host;
        this.datastores = datastores;
        this.scheduler = scheduler;
    }

    @Override
    public <T> void run(String datastore, long nowMs, Supplier<T> work, Completion<T> done) {
        long latencyMs = datastores.latencyMs(host.id(), datastore);
        if (latencyMs == 0) {
            done.done(work.get(), nowMs, false);
            return;
        }
        int incarnation = host.incarnation();
        scheduler.after(latencyMs, () -> host.completeDatastoreCall(incarnation, work, done));
    }
}
