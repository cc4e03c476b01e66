package io.openfdm.agent.storage;

import io.openfdm.agent.node.DatastoreCalls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * {@link DatastoreCalls} on a few worker threads per datastore ({@link #THREADS_PER_DATASTORE}):
 * a call runs on one of its datastore's workers and its result is handed to the node on the
 * node's own thread through {@code nodeThread}. Calls on one datastore run side by side, as an
 * NFS client keeps several requests in flight, so a slow protectedlist write does not hold up the
 * heartbeat write. A datastore whose NFS server or array stalls (slow I/O, all paths down) holds
 * up only its own workers; the agent thread only ever submits. Workers are created at a
 * datastore's first call and are daemon threads named {@code datastore-<name>-<n>}.
 */
public final class DatastoreWorkers implements DatastoreCalls, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DatastoreWorkers.class);
    /**
     * Calls that may run at once on one datastore. The node keeps at most one outstanding call per
     * kind and subject, so more would wait in the queue only while the datastore is slow.
     */
    public static final int THREADS_PER_DATASTORE = 4;

    private final Map<String, ExecutorService> workers = new ConcurrentHashMap<>();
    private final Executor nodeThread;
    private final LongSupplier nowMs;
    private final long closeWaitMs;
    private volatile boolean closed;

    /**
     * @param nodeThread  runs the completion on the node's thread
     * @param nowMs       the node's monotonic clock, for the completion's time
     * @param closeWaitMs how long {@link #close} lets calls already submitted (a stopping master's
     *                    lease releases) finish, milliseconds
     */
    public DatastoreWorkers(Executor nodeThread, LongSupplier nowMs, long closeWaitMs) {
        if (closeWaitMs < 0) {
            throw new IllegalArgumentException("closeWaitMs must be >= 0, was " + closeWaitMs);
        }
        this.nodeThread = nodeThread;
        this.nowMs = nowMs;
        this.closeWaitMs = closeWaitMs;
    }

    @Override
    public <T> void run(String datastore, long callerNowMs, Supplier<T> work, Completion<T> done) {
        if (closed) {
            return;
        }
        ExecutorService worker = workers.computeIfAbsent(datastore, ds -> {
            java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
            return Executors.newFixedThreadPool(THREADS_PER_DATASTORE, r -> {
                Thread t = new Thread(r, "datastore-" + ds + "-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        });
        try {
            worker.execute(() -> {
                T result;
                try {
                    result = work.get();
                } catch (RuntimeException e) {
                    LOG.error("datastore {}: call failed", datastore, e);
                    result = null;
                }
                T delivered = result;
                try {
                    nodeThread.execute(() -> done.done(delivered, nowMs.getAsLong(), true));
                } catch (RejectedExecutionException e) {
                    // the agent is stopping: nobody is left to tell
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.warn("datastore {}: call refused, the agent is stopping", datastore);
        }
    }

    /** Datastores that have a worker (those called at least once), for tests and status. */
    public java.util.Set<String> datastores() {
        return java.util.Set.copyOf(workers.keySet());
    }

    /**
     * Lets calls already submitted finish for up to {@code closeWaitMs} in total, then interrupts
     * what still runs; new calls are dropped.
     */
    @Override
    public void close() {
        closed = true;
        workers.values().forEach(ExecutorService::shutdown);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(closeWaitMs);
        for (ExecutorService w : workers.values()) {
            try {
                long leftNs = deadline - System.nanoTime();
                if (leftNs <= 0 || !w.awaitTermination(leftNs, TimeUnit.NANOSECONDS)) {
                    w.shutdownNow();
                }
            } catch (InterruptedException e) {
                w.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }
}
