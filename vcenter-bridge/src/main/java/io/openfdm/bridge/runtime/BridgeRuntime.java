package io.openfdm.bridge.runtime;

import io.openfdm.bridge.agents.AgentFiles;
import io.openfdm.bridge.push.AgentReports;
import io.openfdm.bridge.push.Backoff;
import io.openfdm.bridge.push.ConfigPusher;
import io.openfdm.bridge.service.InventorySync;
import io.openfdm.bridge.service.VcenterBridge;
import io.openfdm.bridge.store.BridgeStore;
import io.openfdm.bridge.vcenter.VcenterConnector;
import io.openfdm.bridge.vcenter.VcenterLoginException;
import io.openfdm.bridge.vcenter.VcenterSession;
import io.openfdm.bridge.vcenter.VcenterUnavailableException;
import io.openfdm.bridge.web.WebServer;
import io.openfdm.core.env.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One running bridge: the store, the pusher, the service, the vCenter sync and the web server.
 *
 * <p>Start-up: opens the store (a second bridge on the same state directory is refused), logs in
 * to vCenter once; refused credentials end the start with {@link VcenterLoginException} (the CLI
 * exits 2), an unreachable vCenter does not: the sync keeps retrying with backoff while the web
 * server already answers (503 for what needs the inventory).
 */
public final class BridgeRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BridgeRuntime.class);

    private final List<AutoCloseable> opened = new ArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private VcenterBridge service;
    private InventorySync sync;
    private WebServer web;

    private BridgeRuntime() {
    }

    /**
     * @throws VcenterLoginException                 vCenter refused the credentials
     * @throws io.openfdm.agent.store.StoreException the state directory is unusable or in use
     * @throws java.io.UncheckedIOException          the listen port is taken
     */
    public static BridgeRuntime start(BridgeOptions options, VcenterConnector connector) {
        BridgeRuntime rt = new BridgeRuntime();
        try {
            rt.open(options, connector);
            return rt;
        } catch (RuntimeException e) {
            rt.closeOpened();
            throw e;
        }
    }

    private void open(BridgeOptions o, VcenterConnector connector) {
        Clock clock = Clock.system();
        BridgeStore store = BridgeStore.open(o.stateDir());
        opened.add(store);
        ConfigPusher pusher = new ConfigPusher(clock, o.pushTimeoutMs(), Backoff.PUSH_DEFAULT, 4);
        opened.add(pusher);
        AgentReports reports = new AgentReports(clock, o.pushTimeoutMs());
        opened.add(reports);
        AtomicReference<InventorySync> syncRef = new AtomicReference<>();
        service = new VcenterBridge(store, pusher, reports, new AgentFiles(o.agentsDir(), o.agentHypervisor(), o.agentVsphere()), o.agentAddresses(),
                clock, new SecureRandom(), () -> syncRef.get() == null ? java.util.Optional.empty() : syncRef.get().session());

        VcenterSession first = null;
        try {
            first = connector.connect();
        } catch (VcenterUnavailableException e) {
            LOG.warn("vCenter unreachable at start ({}); retrying in the background", e.getMessage());
        }
        sync = new InventorySync(connector, first, service, InventorySync.RECONNECT, InventorySync.DEFAULT_WAIT_SLICE_MS);
        syncRef.set(sync);
        opened.add(sync);
        sync.start();

        web = new WebServer(service, o.listen(), o.allowRemote());
        web.start();
        opened.add(web);
        LOG.info("bridge serving on http://{}:{}/", web.address().getAddress().getHostAddress(), web.address().getPort());
    }

    public VcenterBridge service() {
        return service;
    }

    public InventorySync sync() {
        return sync;
    }

    /** The web server's bound address. */
    public InetSocketAddress webAddress() {
        return web.address();
    }

    /** Blocks until {@link #close} has run. */
    public void awaitClosed() throws InterruptedException {
        closed.await();
    }

    @Override
    public void close() {
        closeOpened();
        closed.countDown();
    }

    private synchronized void closeOpened() {
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (Exception e) {
                LOG.warn("closing {}: {}", opened.get(i).getClass().getSimpleName(), e.toString());
            }
        }
        opened.clear();
    }
}
