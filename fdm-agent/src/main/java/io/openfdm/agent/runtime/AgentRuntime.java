package io.openfdm.agent.runtime;

import io.openfdm.agent.admin.AdminServer;
import io.openfdm.agent.admin.HostModeControl;
import io.openfdm.core.model.HostMode;
import io.openfdm.agent.config.AgentConfig;
import io.openfdm.agent.config.ClusterConfigFiles;
import io.openfdm.agent.hypervisor.HypervisorWorkers;
import io.openfdm.agent.storage.DatastoreWorkers;
import io.openfdm.agent.hypervisor.InventoryCache;
import io.openfdm.agent.hypervisor.VsphereBackend;
import io.openfdm.agent.net.Inbound;
import io.openfdm.agent.net.NettyUdpTransport;
import io.openfdm.agent.net.PacketCounters;
import io.openfdm.agent.node.AgentEnvironment;
import io.openfdm.agent.node.AgentNode;
import io.openfdm.agent.node.HypervisorCalls;
import io.openfdm.agent.push.PushCounters;
import io.openfdm.agent.push.PushOutcome;
import io.openfdm.agent.push.PushServer;
import io.openfdm.agent.push.PushTarget;
import io.openfdm.agent.push.RequestAuthenticator;
import io.openfdm.agent.store.H2Database;
import io.openfdm.agent.store.H2EventJournal;
import io.openfdm.agent.store.H2LocalStore;
import io.openfdm.core.config.ClusterConfig;
import io.openfdm.core.config.ConfigException;
import io.openfdm.core.config.HostSpec;
import io.openfdm.core.env.Clock;
import io.openfdm.core.env.Transport;
import io.openfdm.core.journal.EventKind;
import io.openfdm.core.journal.JournalEvent;
import io.openfdm.core.model.HostId;
import io.openfdm.core.status.AgentStatus;
import io.openfdm.core.status.RestartPlan;
import io.openfdm.datastore.nio.NioDatastoreFiles;
import io.openfdm.hostd.Hypervisor;
import io.openfdm.hostd.sim.FilePowerStateStore;
import io.openfdm.hostd.sim.SimulatedHypervisor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * One running agent: the production adapters wired around an {@link AgentNode}.
 *
 * <p>Start-up, in order: the H2 store and journal in the state directory; the cluster
 * configuration (see {@link ConfigPrecedence}); the datastores as NIO directories (see
 * {@link DatastoreRoots}); the hypervisor; the UDP transport; the node; the admin endpoint; the push
 * endpoint (TCP on the host's own address and port, through which the vCenter bridge pushes
 * configurations, see {@link PushServer}). A failure at any step closes what was opened and
 * propagates.
 *
 * <p>A newer configuration arrives either in the file (checked every
 * {@link #CONFIG_POLL_INTERVAL_MS}) or through the push endpoint; both are applied the same way on
 * the agent thread (see {@link #applyNewer}).
 *
 * <p>Hypervisors: {@code simulated} boots from the VM configurations on this host's datastores,
 * its power state in {@code <stateDir>/powerstate}, and is read on the agent thread (it only
 * touches local files); the node's slow calls (power-ons, isolation pings) run on
 * {@link HypervisorWorkers} with either backend. {@code vsphere} ({@link VsphereBackend}) talks to vCenter, which may be
 * slow or away, so the agent thread never waits for it: the inventory comes from an
 * {@link InventoryCache} read in the background, power-ons run on {@link HypervisorWorkers} with
 * their results posted back to the agent thread, and the admin endpoint's power calls run on their
 * own threads. vCenter being unreachable at start or later does not stop the agent.
 *
 * <p>Threading: everything the node sees happens on one thread named {@code agent} (a
 * single-threaded scheduled executor): {@code onTick} every {@code timing.tickIntervalMs},
 * {@code onMessage} for each datagram the network thread accepted (the node itself calls
 * {@code hypervisor.refresh()} about once a second), and the admin endpoint's status and power calls. Time is
 * {@link Clock#system()}'s monotonic milliseconds. An exception from the node is logged (at most
 * once per {@link #ERROR_LOG_INTERVAL_MS} per kind of call) and the loop goes on.
 */
public final class AgentRuntime implements AutoCloseable {
    /**
     * Longest start waits for the node's first step (datastore reads, first election claim) on the
     * agent thread, milliseconds: generous, because on a loaded machine with many agents starting at
     * once this can take seconds (bench/ saw more than 2 s with 64 agents on 2 CPUs).
     */
    public static final long START_TIMEOUT_MS = 30_000;
    /** Longest close waits for the node to stop on the agent thread, milliseconds. */
    public static final long STOP_TIMEOUT_MS = 5_000;
    static final long ERROR_LOG_INTERVAL_MS = 10_000;
    /** How often the cluster configuration file is checked for a newer version, milliseconds. */
    public static final long CONFIG_POLL_INTERVAL_MS = 2_000;
    /** Longest a pushed configuration waits to be applied on the agent thread, milliseconds. */
    public static final long PUSH_APPLY_TIMEOUT_MS = 10_000;
    /**
     * vSphere power-ons run at once per agent. FDM runs up to 32 per host
     * ({@code das.perHostConcurrentFailoversLimit}); each of ours mostly waits for a vCenter task.
     */
    static final int POWER_ON_THREADS = 8;
    /**
     * Longest close lets datastore calls already submitted finish (a stopping master's lease
     * releases), milliseconds; a release that does not land leaves the lease to expire.
     */
    static final long DATASTORE_CLOSE_WAIT_MS = 2_000;

    private static final Logger LOG = LoggerFactory.getLogger(AgentRuntime.class);

    /** Makes the node; the production one is {@link AgentNode}. */
    @FunctionalInterface
    interface NodeFactory {
        AgentLoop create(HostId self, ClusterConfig config, AgentEnvironment env);
    }

    private final AgentConfig agent;
    private final Clock clock = Clock.system();
    private final PacketCounters counters = new PacketCounters();
    private final PushCounters pushCounters = new PushCounters();
    private final ScheduledExecutorService agentThread;
    private final CountDownLatch closedLatch = new CountDownLatch(1);
    private final AtomicBoolean closing = new AtomicBoolean();
    /** Resources to close, in reverse order of opening. */
    private final List<AutoCloseable> opened = new ArrayList<>();
    private final Map<String, Long> lastErrorLogMs = new LinkedHashMap<>();

    /** Written on the agent thread only; volatile because the push endpoint reads its key. */
    private volatile ClusterConfig config;
    private H2EventJournal journal;
    private Hypervisor hypervisor;
    private HypervisorCalls hypervisorCalls = HypervisorCalls.inline();
    /** Where every datastore call of the node runs: one worker per datastore. */
    private DatastoreWorkers datastoreCalls;
    /** Where the admin endpoint's status and hypervisor calls run. */
    private Executor adminWork;
    private Supplier<AgentStatus> adminStatus;
    /** Whether admin work runs on a pool of its own and must hop to the agent thread (vSphere). */
    private boolean adminHops;
    private Function<List<HostId>, RestartPlan> adminPlan;
    private NettyUdpTransport transport;
    /** Set on the agent thread once the node stopped at close: nothing reaches it afterwards. */
    private boolean nodeStopped;
    private AgentLoop node;
    private NodeFactory nodes;
    private UnaryOperator<Transport> transportLayer = UnaryOperator.identity();
    private H2LocalStore store;
    private NioDatastoreFiles datastores;
    private String lastReloadProblem;
    private AdminServer admin;
    private PushServer push;
    /** Set on the agent thread once the node has started; messages before that are dropped. */
    private boolean started;

    private AgentRuntime(AgentConfig agent) {
        this.agent = agent;
        this.agentThread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "agent");
            t.setDaemon(false);
            return t;
        });
    }

    /**
     * Starts an agent with the production {@link AgentNode}.
     *
     * @param agent      this agent's settings
     * @param fileConfig the cluster configuration read from {@code agent.clusterConfigFile()}
     * @throws ConfigException if this host is not a member of the configuration in force
     * @throws RuntimeException from any adapter that cannot start (state directory in use, UDP or
     *                          admin port taken, ...); everything opened so far is closed
     */
    public static AgentRuntime start(AgentConfig agent, ClusterConfig fileConfig) {
        return start(agent, fileConfig, (self, config, env) -> AgentLoop.of(new AgentNode(self, config, env)));
    }

    /**
     * Starts an agent with the production {@link AgentNode}, whose sends go through a layer put
     * around the UDP transport: {@code transportLayer} gets the real transport and returns the
     * {@link Transport} the node uses (again after a configuration reload rebinds it). For fault
     * injection in benchmarks and tests, e.g. a layer that drops datagrams, as JGroups' DISCARD
     * protocol does; production uses {@link #start(AgentConfig, ClusterConfig)}.
     *
     * @throws ConfigException and RuntimeException as {@link #start(AgentConfig, ClusterConfig)}
     */
    public static AgentRuntime start(AgentConfig agent, ClusterConfig fileConfig, UnaryOperator<Transport> transportLayer) {
        return start(agent, fileConfig, (self, config, env) -> AgentLoop.of(new AgentNode(self, config, env)), transportLayer);
    }

    static AgentRuntime start(AgentConfig agent, ClusterConfig fileConfig, NodeFactory nodes) {
        return start(agent, fileConfig, nodes, UnaryOperator.identity());
    }

    static AgentRuntime start(AgentConfig agent, ClusterConfig fileConfig, NodeFactory nodes,
                              UnaryOperator<Transport> transportLayer) {
        AgentRuntime rt = new AgentRuntime(agent);
        rt.transportLayer = transportLayer;
        try {
            rt.open(fileConfig, nodes);
            return rt;
        } catch (RuntimeException e) {
            rt.closeOpened();
            throw e;
        }
    }

    private void open(ClusterConfig fileConfig, NodeFactory nodes) {
        opened.add(agentThread::shutdownNow);
        H2Database db = H2Database.open(agent.stateDir());
        opened.add(db);
        this.nodes = nodes;
        store = new H2LocalStore(db);
        journal = new H2EventJournal(db);
        config = ConfigPrecedence.choose(store, fileConfig);
        agent.requireMemberOf(config);
        HostSpec me = config.host(agent.host()).orElseThrow();

        datastores = new NioDatastoreFiles(DatastoreRoots.of(config, agent));
        datastoreCalls = new DatastoreWorkers(this::onAgentThreadLater, this::now, DATASTORE_CLOSE_WAIT_MS);
        opened.add(datastoreCalls);
        if (agent.vsphere() != null) {
            openVsphere();
        } else {
            SimulatedHypervisor simulated = SimulatedHypervisor.boot(agent.host(), datastores, me::datastores,
                    new FilePowerStateStore(agent.stateDir().resolve("powerstate")));
            hypervisor = simulated;
            // Closed after the node stopped, or at once if start-up fails later: either way the VMs'
            // power state is kept, so a failed start does not look like a host crash.
            opened.add(simulated::shutdownClean);
            LOG.info("hypervisor booted: {}", simulated.bootReport().reason());
            simulated.bootReport().warnings().forEach(w -> LOG.warn("hypervisor: {}", w));
            adminWork = agentThread;
            adminStatus = this::statusOnAgentThread;
            // Pings (the master's of silent hosts, a slave's of its isolation addresses) block for
            // up to their timeout: they, and power-ons with them, run on workers here as well.
            HypervisorWorkers workers = new HypervisorWorkers(POWER_ON_THREADS, this::onAgentThreadLater, this::now);
            opened.add(workers);
            hypervisorCalls = workers;
            adminPlan = failed -> node.plan(failed, now());
        }

        bindAndCreateNode();
        onAgentThread(() -> {
            node.start(now());
            started = true;
            return null;
        }, START_TIMEOUT_MS);
        agentThread.scheduleWithFixedDelay(() -> guarded("config reload", this::reloadIfNewer),
                CONFIG_POLL_INTERVAL_MS, CONFIG_POLL_INTERVAL_MS, TimeUnit.MILLISECONDS);

        long tickMs = config.timing().tickIntervalMs();
        agentThread.scheduleAtFixedRate(() -> guarded("tick", () -> node.onTick(now())), tickMs, tickMs, TimeUnit.MILLISECONDS);

        admin = AdminServer.start(agent.admin(), agent.stateDir(), adminWork, adminStatus, journal, hypervisor,
                new NodeHostModes(), adminPlan);
        opened.add(admin);
        push = PushServer.start(new InetSocketAddress(me.address(), me.port()), new Pushes(),
                new RequestAuthenticator(RequestAuthenticator.DEFAULT_FRESHNESS_WINDOW_MS), pushCounters, clock);
        opened.add(push);
    }

    /** The vSphere hypervisor and the threads that keep the agent thread from waiting for it. */
    private void openVsphere() {
        VsphereBackend backend = VsphereBackend.start(agent.vsphere());
        opened.add(backend);
        hypervisor = backend.hypervisor();
        HypervisorWorkers workers = new HypervisorWorkers(POWER_ON_THREADS, this::onAgentThreadLater, this::now);
        opened.add(workers);
        hypervisorCalls = workers;
        ExecutorService adminThreads = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "admin-hypervisor");
            t.setDaemon(true);
            return t;
        });
        opened.add(adminThreads::shutdownNow);
        adminWork = adminThreads;
        adminStatus = this::status; // hops to the agent thread itself
        adminHops = true;
        adminPlan = this::plan;
    }

    /** Runs {@code work} later on the agent thread, once the node has started; dropped when stopping. */
    private void onAgentThreadLater(Runnable work) {
        try {
            agentThread.execute(() -> {
                if (started) {
                    guarded("hypervisor result", work);
                }
            });
        } catch (RejectedExecutionException e) {
            // shutting down
        }
    }

    /** Binds the transport for the configuration in force and makes a node on it. */
    private void bindAndCreateNode() {
        long epochMs = store.nextEpoch(clock.wallMs());
        transport = NettyUdpTransport.bind(agent.host(), config, epochMs, counters, this::deliver);
        opened.add(transport);
        AgentEnvironment env = new AgentEnvironment(transportLayer.apply(transport), datastores, hypervisor, journal,
                store, clock, hypervisorCalls, new InetAddressProbe(), new ProcNetRouteGateway(), datastoreCalls);
        node = nodes.create(agent.host(), config, env);
    }

    /**
     * Agent thread: applies a newer cluster configuration from the config file. A file that does not
     * parse or validate is reported once and ignored: the agent keeps protecting with the
     * configuration it has.
     */
    private void reloadIfNewer() {
        ClusterConfig next;
        try {
            next = ClusterConfigFiles.read(agent.clusterConfigFile());
            agent.requireMemberOf(next);
            lastReloadProblem = null;
        } catch (ConfigException | java.io.UncheckedIOException e) {
            if (!e.getMessage().equals(lastReloadProblem)) {
                lastReloadProblem = e.getMessage();
                LOG.warn("ignoring {}: {}", agent.clusterConfigFile(), e.getMessage());
            }
            return;
        }
        if (next.version() > config.version()) {
            applyNewer(next, "file " + agent.clusterConfigFile());
        }
    }

    /**
     * Agent thread: a configuration pushed by the bridge, already authenticated and validated. If its
     * version is higher than the one in force and this host is a member, it is written to the
     * cluster configuration file (atomically, so a restart or the file reload sees it) and applied.
     */
    private PushOutcome applyPushed(ClusterConfig next) {
        if (next.version() <= config.version()) {
            return new PushOutcome.NotNewer(next.version(), config.version());
        }
        try {
            agent.requireMemberOf(next);
        } catch (ConfigException e) {
            return new PushOutcome.Unusable(e.getMessage());
        }
        ClusterConfigFiles.write(agent.clusterConfigFile(), next);
        applyNewer(next, "push");
        HostSpec me = next.host(agent.host()).orElseThrow();
        InetSocketAddress bound = push.address();
        if (!bound.getAddress().getHostAddress().equals(me.address()) || bound.getPort() != me.port()) {
            LOG.warn("configuration version {} moves this host to {}:{}; the push endpoint stays on {} until the agent restarts",
                    next.version(), me.address(), me.port(), bound);
        }
        return new PushOutcome.Applied(next.version());
    }

    /**
     * Agent thread: replaces the configuration in force with a newer one. A change of VM overrides
     * only is handed to the running node. Otherwise the node stops gracefully
     * (a master resigns and releases its leases), the configuration is saved to the local store, the
     * transport is rebound for the new members and key, and a new node starts with an election (FDM
     * re-elects when HA is reconfigured).
     */
    private void applyNewer(ClusterConfig next, String source) {
        long now = now();
        if (next.differsOnlyInOverrides(config)) {
            journal.record(new JournalEvent(clock.wallMs(), agent.host().moid(), node.status(now).role(),
                    EventKind.CONFIG_CHANGED, "configuration version " + next.version() + " replaces " + config.version()
                    + " (" + source + "): VM overrides only, applied without an election", agent.host().moid(), -1));
            store.saveConfig(next);
            config = next;
            node.applyOverrides(next, now);
            LOG.info("configuration version {} applied in place (VM overrides only)", next.version());
            return;
        }
        ClusterConfig previous = config;
        node.stop(now);
        journal.record(new JournalEvent(clock.wallMs(), agent.host().moid(), "election", EventKind.CONFIG_CHANGED,
                "configuration version " + next.version() + " replaces " + config.version() + " (" + source
                        + "): new election", agent.host().moid(), -1));
        store.saveConfig(next);
        config = next;
        opened.remove(transport);
        transport.close();
        bindAndCreateNode();
        node.start(now());
        followConfiguredMode(previous, next);
        LOG.info("configuration version {} applied ({})", next.version(), source);
    }

    /**
     * Agent thread: a new configuration that changes this host's mode ({@code hosts[].mode}, from
     * vCenter through the bridge) puts the new node in that mode; see
     * {@link io.openfdm.agent.node.AgentNode#applyConfiguredMode}, which does the same for a change
     * applied in place.
     */
    private void followConfiguredMode(ClusterConfig previous, ClusterConfig next) {
        HostMode before = previous.host(agent.host()).map(HostSpec::mode).orElse(HostMode.NORMAL);
        HostMode after = next.host(agent.host()).map(HostSpec::mode).orElse(HostMode.NORMAL);
        if (before != after) {
            node.setHostMode(after, now());
        }
    }

    /** The push endpoint's view of this agent. */
    private final class Pushes implements PushTarget {
        @Override
        public ClusterConfig current() {
            return config;
        }

        @Override
        public Path configDir() {
            return agent.clusterConfigFile().toAbsolutePath().getParent();
        }

        @Override
        public PushOutcome apply(ClusterConfig next) {
            return onAgentThread(() -> applyPushed(next), PUSH_APPLY_TIMEOUT_MS);
        }

        @Override
        public AgentStatus status() {
            return AgentRuntime.this.status();
        }

        @Override
        public List<JournalEvent> recentEvents(int limit) {
            return journal.recent(limit);
        }
    }

    /** The node's maintenance or standby mode, for the admin endpoint; on the agent thread. */
    private final class NodeHostModes implements HostModeControl {
        @Override
        public String host() {
            return agent.host().moid();
        }

        @Override
        public HostMode current() {
            return adminHops ? onAgentThread(node::hostMode) : node.hostMode();
        }

        @Override
        public boolean set(HostMode mode) {
            return adminHops ? onAgentThread(() -> node.setHostMode(mode, now())) : node.setHostMode(mode, now());
        }
    }

    /** The cluster configuration in force. */
    public ClusterConfig config() {
        return config;
    }

    /** The bound UDP address. */
    public InetSocketAddress udpAddress() {
        return transport.localAddress();
    }

    /** The bound push endpoint address (TCP). */
    public InetSocketAddress pushAddress() {
        return push.address();
    }

    /** Counters of the push endpoint, also merged into every status. */
    public PushCounters pushCounters() {
        return pushCounters;
    }

    /** The bound admin address. */
    public InetSocketAddress adminAddress() {
        return admin.address();
    }

    /** Packet counters, also merged into every status. */
    public PacketCounters counters() {
        return counters;
    }

    /**
     * The agent's status with the packet counters merged in, computed on the agent thread.
     *
     * @throws IllegalStateException if the agent thread does not answer within 2 s or is stopped
     */
    public AgentStatus status() {
        return onAgentThread(this::statusOnAgentThread);
    }

    /**
     * {@code fdm plan} on the agent thread: what this master would do if {@code failed} failed now.
     *
     * @throws IllegalStateException    if this agent is not the master, or its thread does not answer
     * @throws IllegalArgumentException naming an unknown host
     */
    public RestartPlan plan(List<HostId> failed) {
        return onAgentThread(() -> node.plan(failed, now()));
    }

    /** Blocks until {@link #close} has finished. */
    public void awaitClosed() throws InterruptedException {
        closedLatch.await();
    }

    /**
     * Stops the agent: the admin endpoint first (no new requests), then on the agent thread the node
     * (a master resigns and releases its leases, so it still has its transport), then the agent
     * thread, the transport, a clean hypervisor shutdown (its powered-on VMs come back at the next
     * start) and the database. Idempotent; a second caller waits for the first to finish.
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            try {
                closedLatch.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        try {
            if (push != null) {
                opened.remove(push);
                push.close();
            }
            if (admin != null) {
                opened.remove(admin);
                admin.close();
            }
            try {
                agentThread.submit(() -> {
                    if (started) {
                        guarded("stop", () -> node.stop(now()));
                    }
                    nodeStopped = true; // periodic work queued before shutdown() must not reach the node

                }).get(STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
                LOG.warn("agent did not stop cleanly: {}", e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            agentThread.shutdown();
            try {
                if (!agentThread.awaitTermination(STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                    LOG.warn("agent thread still busy after {} ms; interrupting it", STOP_TIMEOUT_MS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            closeOpened();
            LOG.info("agent {} stopped", agent.host());
        } finally {
            closedLatch.countDown();
        }
    }

    private void closeOpened() {
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (Exception e) {
                LOG.warn("closing {}: {}", opened.get(i).getClass().getSimpleName(), e.toString());
            }
        }
        opened.clear();
    }

    private long now() {
        return clock.monotonicMs();
    }

    /** Network thread: hand an accepted message to the agent thread. */
    private void deliver(Inbound in) {
        try {
            agentThread.execute(() -> {
                if (started) {
                    guarded("message", () -> node.onMessage(in.from(), in.message(), now()));
                }
            });
        } catch (RejectedExecutionException e) {
            // shutting down: the message is lost, as a datagram may be
        }
    }

    private AgentStatus statusOnAgentThread() {
        AgentStatus s = node.status(now());
        Map<String, Long> merged = new LinkedHashMap<>(s.counters());
        merged.putAll(counters.snapshot());
        merged.putAll(pushCounters.snapshot());
        return new AgentStatus(s.host(), s.role(), s.master(), s.clusterId(), s.configVersion(), s.uptimeMs(), merged,
                s.hosts(), s.datastores(), s.vms(), s.haPolicy(), s.capacity());
    }

    private <T> T onAgentThread(Supplier<T> work) {
        return onAgentThread(work, AdminServer.AGENT_TIMEOUT_MS);
    }

    private <T> T onAgentThread(Supplier<T> work, long timeoutMs) {
        try {
            return agentThread.submit(work::get).get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException | RejectedExecutionException e) {
            throw new IllegalStateException("agent thread did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * Runs agent-thread work; a failure is logged, not thrown, so the scheduled loop never dies.
     * Repeated failures of the same kind are logged at most every {@link #ERROR_LOG_INTERVAL_MS}.
     */
    private void guarded(String what, Runnable work) {
        if (nodeStopped) {
            return;
        }
        try {
            work.run();
        } catch (RuntimeException e) {
            long now = now();
            Long last = lastErrorLogMs.get(what);
            if (last == null || now - last >= ERROR_LOG_INTERVAL_MS) {
                lastErrorLogMs.put(what, now);
                LOG.error("agent {} failed (repeats of this error are logged every {} ms)", what, ERROR_LOG_INTERVAL_MS, e);
            }
        }
    }
}
