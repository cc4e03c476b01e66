package io.openfdm.bridge.service;

import io.openfdm.bridge.push.Backoff;
import io.openfdm.bridge.vcenter.VcenterConnector;
import io.openfdm.bridge.vcenter.VcenterLoginException;
import io.openfdm.bridge.vcenter.VcenterSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the bridge's inventory current: logs in, reads the inventory, then waits for changes with
 * {@code WaitForUpdatesEx} ({@link VcenterSession#awaitChange}) and reads it again after each one.
 * No polling: between changes the thread sits in one long-poll call of at most
 * {@code waitSliceMs}.
 *
 * <p>When vCenter stops answering, the session is dropped, the bridge is told
 * ({@link VcenterBridge#onVcenterDown}; agents keep their configuration) and the sync logs in again
 * after {@link Backoff} delays: 1 s, 2 s, 4 s, ... up to 30 s. Refused credentials are retried the
 * same way (a password may be fixed in vCenter), and reported at each attempt.
 */
public final class InventorySync implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InventorySync.class);
    /** Reconnect delays. */
    public static final Backoff RECONNECT = new Backoff(1_000, 30_000);
    /** Longest single {@code WaitForUpdatesEx} wait, milliseconds. */
    public static final long DEFAULT_WAIT_SLICE_MS = 30_000;

    private final VcenterConnector connector;
    private final VcenterBridge bridge;
    private final Backoff backoff;
    private final long waitSliceMs;
    private final Thread thread;
    private final CountDownLatch firstRead = new CountDownLatch(1);
    private volatile VcenterSession session;
    private volatile boolean running = true;
    private volatile long inventoryReads;

    /**
     * @param initial a session already logged in (the runtime's first login, which tells bad
     *                credentials from an unreachable vCenter at start), or null to log in here
     */
    public InventorySync(VcenterConnector connector, VcenterSession initial, VcenterBridge bridge, Backoff backoff,
                         long waitSliceMs) {
        this.connector = connector;
        this.session = initial;
        this.bridge = bridge;
        this.backoff = backoff;
        this.waitSliceMs = waitSliceMs;
        this.thread = new Thread(this::run, "bridge-vcenter-sync");
        this.thread.setDaemon(true);
    }

    public InventorySync start() {
        thread.start();
        return this;
    }

    /** The logged-in session, empty while vCenter is unreachable. */
    public Optional<VcenterSession> session() {
        return Optional.ofNullable(session);
    }

    /** Inventory reads so far (one per change batch, plus one per login). */
    public long inventoryReads() {
        return inventoryReads;
    }

    /** Waits for the first inventory read; false on timeout. */
    public boolean awaitFirstRead(long timeoutMs) throws InterruptedException {
        return firstRead.await(timeoutMs, TimeUnit.MILLISECONDS);
    }

    private void run() {
        int failures = 0;
        while (running) {
            VcenterSession s = session;
            try {
                if (s == null) {
                    s = connector.connect();
                    session = s;
                    if (failures > 0) {
                        LOG.info("vCenter reachable again after {} failed attempts", failures);
                    }
                }
                read(s);
                failures = 0;
                while (running) {
                    if (s.awaitChange(waitSliceMs)) {
                        read(s);
                    }
                }
            } catch (RuntimeException e) {
                if (!running) {
                    break;
                }
                failures++;
                bridge.onVcenterDown();
                closeQuietly(s);
                session = null;
                long delayMs = backoff.delayMs(failures);
                String what = e instanceof VcenterLoginException ? "vCenter refused the credentials" : "vCenter unreachable";
                if (failures == 1 || failures % 10 == 0) {
                    LOG.warn("{} ({}); agents keep their last configuration; retrying in {} ms (attempt {})", what, e.getMessage(),
                            delayMs, failures);
                }
                sleep(delayMs);
            }
        }
        closeQuietly(session);
    }

    private void read(VcenterSession s) {
        io.openfdm.bridge.inventory.Inventory inv = bridge.refreshFrom(s);
        LOG.debug("inventory read: {} clusters, {} hosts, {} VMs", inv.clusters().size(), inv.hosts().size(), inv.vms().size());
        inventoryReads++;
        firstRead.countDown();
    }

    private void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static void closeQuietly(VcenterSession s) {
        if (s != null) {
            try {
                s.close();
            } catch (RuntimeException e) {
                LOG.debug("closing the vCenter session: {}", e.toString());
            }
        }
    }

    /** Stops the sync thread (interrupting a pending wait) and logs out. */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        VcenterSession s = session;
        closeQuietly(s);
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
