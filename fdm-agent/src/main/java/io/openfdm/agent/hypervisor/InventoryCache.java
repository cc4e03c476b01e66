package io.openfdm.agent.hypervisor;

import io.openfdm.core.model.VmId;
import io.openfdm.core.model.VmInfo;
import io.openfdm.hostd.Hypervisor;
import io.openfdm.hostd.HypervisorException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A {@link Hypervisor} whose reads never wait for a remote hypervisor: the agent thread asks for
 * the inventory every tick, and vCenter may be slow or away.
 *
 * <p>A background thread reads the wrapped hypervisor's inventory every {@code intervalMs}
 * ({@link #listVms()} and {@link #vm} answer from the last good read, at once). While the
 * hypervisor cannot be read, the last good inventory stands: the agent keeps reporting what it
 * last knew, and keeps protecting. Before the first good read, both throw
 * {@link HypervisorException} (the node then reports nothing yet).
 *
 * <p>{@link #register}, {@link #powerOn} and {@link #powerOff} call the wrapped hypervisor
 * directly (they run on a worker, never on the agent thread) and then read the inventory again
 * before returning, so the agent's next report already shows their effect (a stale report of a VM
 * powered off on its new host would make the master unprotect it). Reads are serialised, so a
 * read that started before a power-on can never overwrite one that started after it.
 */
public final class InventoryCache implements Hypervisor, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InventoryCache.class);

    private final Hypervisor delegate;
    private final long intervalMs;
    private final ScheduledExecutorService poller;
    private volatile Snapshot snapshot;
    private String lastError;

    private record Snapshot(List<VmInfo> vms, Map<VmId, VmInfo> byId) {
    }

    /**
     * @param delegate   the hypervisor to read (the vSphere backend)
     * @param intervalMs how often to read it, milliseconds (&gt; 0)
     */
    public InventoryCache(Hypervisor delegate, long intervalMs) {
        if (intervalMs <= 0) {
            throw new IllegalArgumentException("intervalMs must be > 0, was " + intervalMs);
        }
        this.delegate = delegate;
        this.intervalMs = intervalMs;
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "hypervisor-inventory");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts the background reads (the first at once). */
    public InventoryCache start() {
        poller.scheduleWithFixedDelay(this::refreshNow, 0, intervalMs, TimeUnit.MILLISECONDS);
        return this;
    }

    /**
     * Reads the inventory now, on the calling thread.
     *
     * @return true if the read succeeded and is now the inventory
     */
    public synchronized boolean refreshNow() {
        try {
            List<VmInfo> vms = List.copyOf(delegate.listVms());
            snapshot = new Snapshot(vms, vms.stream().collect(Collectors.toUnmodifiableMap(VmInfo::id, Function.identity(),
                    (a, b) -> a)));
            if (lastError != null) {
                LOG.info("hypervisor inventory readable again ({} VMs on this host)", vms.size());
                lastError = null;
            }
            return true;
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            if (!message.equals(lastError)) {
                LOG.warn("cannot read the hypervisor inventory ({}); {}", message, snapshot == null
                        ? "no inventory yet" : "keeping the last one read (" + snapshot.vms().size() + " VMs)");
            }
            lastError = message;
            return false;
        }
    }

    /** True once one read has succeeded. */
    public boolean ready() {
        return snapshot != null;
    }

    /** {@inheritDoc} From the last good read, without waiting. */
    @Override
    public List<VmInfo> listVms() {
        return current().vms();
    }

    /** {@inheritDoc} From the last good read, without waiting. */
    @Override
    public Optional<VmInfo> vm(VmId id) {
        return Optional.ofNullable(current().byId().get(id));
    }

    @Override
    public VmInfo register(String datastore, VmId id) {
        try {
            return delegate.register(datastore, id);
        } finally {
            refreshNow();
        }
    }

    @Override
    public void powerOn(VmId id) {
        try {
            delegate.powerOn(id);
        } finally {
            refreshNow();
        }
    }

    @Override
    public void powerOff(VmId id) {
        try {
            delegate.powerOff(id);
        } finally {
            refreshNow();
        }
    }

    /** {@inheritDoc} Calls the wrapped hypervisor; the guest powers off later, seen by a later read. */
    @Override
    public void shutdownGuest(VmId id) {
        delegate.shutdownGuest(id);
    }

    @Override
    public void reset(VmId id) {
        try {
            delegate.reset(id);
        } finally {
            refreshNow();
        }
    }

    /** Nothing to do on the agent thread: the background thread reads. */
    @Override
    public void refresh() {
    }

    private Snapshot current() {
        Snapshot s = snapshot;
        if (s == null) {
            String why;
            synchronized (this) {
                why = lastError;
            }
            throw new HypervisorException("the hypervisor inventory has not been read yet"
                    + (why == null ? "" : ": " + why), null);
        }
        return s;
    }

    /** Stops the background reads; does not close the wrapped hypervisor. */
    @Override
    public void close() {
        poller.shutdownNow();
    }
}
