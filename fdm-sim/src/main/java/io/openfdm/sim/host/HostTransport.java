package io.openfdm.sim.host;

import io.openfdm.core.env.Transport;
import io.openfdm.core.model.HostId;
import io.openfdm.core.wire.Message;
import io.openfdm.sim.time.Scheduler;

/**
 * The agent's transport on one {@link SimHost}: a datagram sent after slow datastore calls in
 * the same step leaves when those calls have completed (step start + the step's I/O time), and
 * never if the process died first; an armed {@code crash-at ... send k} strikes right after the
 * k-th send.
 */
final class HostTransport implements Transport {
    private final SimHost host;
    private final Transport network;
    private final AgentThread thread;
    private final Scheduler scheduler;

    HostTransport(SimHost host, Transport network, AgentThread thread, Scheduler scheduler) {
        this.host = host;
        this.network = network;
        this.thread = thread;
        this.scheduler = scheduler;
    }

    @Override
    public void send(HostId to, Message message) {
        long offsetMs = thread.inStepMs();
        if (offsetMs == 0) {
            network.send(to, message);
        } else {
            int incarnation = host.incarnation();
            scheduler.at(thread.stepStartMs() + offsetMs, () -> {
                if (host.incarnation() == incarnation) {
                    network.send(to, message);
                }
            });
        }
        CrashTrigger trigger = host.crashTrigger();
        if (trigger != null && trigger.onSend()) {
            throw new InjectedCrash(offsetMs);
        }
    }
}
