package io.openfdm.agent.hypervisor;

import io.openfdm.agent.node.HypervisorCalls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * {@link HypervisorCalls} on a pool of worker threads: the work (a power-on against vCenter, which
 * may wait for tasks up to the task timeout) runs on a worker, and its result is handed to the
 * node on the node's own thread through {@code nodeThread}. The agent thread only ever submits.
 */
public final class HypervisorWorkers implements HypervisorCalls, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HypervisorWorkers.class);

    private final ExecutorService pool;
    private final Executor nodeThread;
    private final LongSupplier nowMs;

    /**
     * @param threads    power-ons that may run at once (more wait in a queue)
     * @param nodeThread runs the completion on the node's thread
     * @param nowMs      the node's monotonic clock, for the completion's time
     */
    public HypervisorWorkers(int threads, Executor nodeThread, LongSupplier nowMs) {
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "hypervisor-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.nodeThread = nodeThread;
        this.nowMs = nowMs;
    }

    @Override
    public <T> void run(long callerNowMs, Supplier<T> work, Completion<T> done) {
        try {
            pool.execute(() -> {
                T result;
                try {
                    result = work.get();
                } catch (RuntimeException e) {
                    LOG.error("hypervisor work failed", e);
                    return;
                }
                try {
                    nodeThread.execute(() -> done.done(result, nowMs.getAsLong(), true));
                } catch (RejectedExecutionException e) {
                    // the agent is stopping: nobody is left to tell
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.warn("hypervisor work refused: the agent is stopping");
        }
    }

    /** Interrupts running work (waits in vsphere-client end at the interrupt) and refuses new work. */
    @Override
    public void close() {
        pool.shutdownNow();
    }
}
