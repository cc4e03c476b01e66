package io.openfdm.bridge.service;

import io.openfdm.agent.push.AgentReport;
import io.openfdm.bridge.agents.AgentFiles;
import io.openfdm.bridge.api.BridgeException;
import io.openfdm.bridge.api.BridgeService;
import io.openfdm.bridge.api.ClusterStatus;
import io.openfdm.bridge.api.ClusterSummary;
import io.openfdm.bridge.api.HaSettings;
import io.openfdm.bridge.config.AgentAddresses;
import io.openfdm.bridge.config.ClusterIdentity;
import io.openfdm.bridge.config.ConfigBuilder;
import io.openfdm.bridge.config.HaSettingsRules;
import io.openfdm.bridge.inventory.ClusterRecord;
import io.openfdm.bridge.inventory.Inventory;
import io.openfdm.bridge.push.AgentPushState;
import io.openfdm.bridge.push.AgentReports;
import io.openfdm.bridge.push.ConfigPusher;
import io.openfdm.bridge.store.BridgeStore;
import io.openfdm.bridge.store.ClusterState;
import io.openfdm.bridge.vcenter.VcenterSession;
import io.openfdm.core.config.ClusterConfig;
import io.openfdm.core.env.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The bridge: vCenter's inventory in, versioned cluster configurations out to the agents, their
 * status back.
 *
 * <p>{@link #onInventory} is called with every fresh inventory read (at start and after each
 * change {@code WaitForUpdatesEx} reports). For every cluster the bridge manages (HA enabled, or
 * enabled once and now disabled) it rebuilds the configuration ({@link ConfigBuilder}); when the
 * configuration differs from the last one other than by version, it takes version + 1, records it
 * in the store, rewrites the agent files and pushes it ({@link ConfigPusher}, in the background).
 * While vCenter is unreachable nothing is rebuilt: the agents keep protecting with the last
 * configuration they have.
 *
 * <p>Thread-safe: changes are serialised on this object; {@link #status} reads the agents outside
 * the lock.
 */
public final class VcenterBridge implements BridgeService {
    private static final Logger LOG = LoggerFactory.getLogger(VcenterBridge.class);
    /** Events asked of each agent, and shown at most. */
    public static final int STATUS_EVENTS = 50;

    private final BridgeStore store;
    private final ConfigPusher pusher;
    private final AgentReports reports;
    private final AgentFiles files;
    private final AgentAddresses addresses;
    private final Clock clock;
    private final SecureRandom random;
    private final Supplier<Optional<VcenterSession>> session;

    private final Object readOrder = new Object();
    private volatile Inventory inventory;
    private volatile boolean vcenterConnected;
    /** The last configuration built per cluster (what the agents are being given). */
    private final Map<String, ClusterConfig> configs = new ConcurrentHashMap<>();
    /** Why the last rebuild of a cluster failed, if it did. */
    private final Map<String, String> problems = new ConcurrentHashMap<>();

    /**
     * @param session the current vCenter session, empty while disconnected (used to write
     *                {@code dasVmConfig})
     */
    public VcenterBridge(BridgeStore store, ConfigPusher pusher, AgentReports reports, AgentFiles files,
                         AgentAddresses addresses, Clock clock, SecureRandom random, Supplier<Optional<VcenterSession>> session) {
        this.store = store;
        this.pusher = pusher;
        this.reports = reports;
        this.files = files;
        this.addresses = addresses;
        this.clock = clock;
        this.random = random;
        this.session = session;
    }

    // ------------------------------------------------------------------ inventory

    /**
     * Reads the inventory through {@code s} and applies it ({@link #onInventory}). Reads and their
     * application are serialised, so a slower, older read never replaces a newer one.
     */
    public Inventory refreshFrom(VcenterSession s) {
        synchronized (readOrder) {
            Inventory fresh = s.readInventory();
            onInventory(fresh);
            return fresh;
        }
    }

    /** A fresh inventory read: rebuilds and pushes every managed cluster whose configuration changed. */
    public synchronized void onInventory(Inventory fresh) {
        inventory = fresh;
        vcenterConnected = true;
        for (ClusterState s : store.all()) {
            if (s.identity() == null || fresh.cluster(s.moid()).isEmpty()) {
                continue;
            }
            try {
                rebuild(s);
                problems.remove(s.moid());
            } catch (BridgeException e) {
                if (!e.getMessage().equals(problems.put(s.moid(), e.getMessage()))) {
                    LOG.warn("keeping configuration version {} of {}: {}", s.version(), s.moid(), e.getMessage());
                }
            }
        }
    }

    /** vCenter stopped answering: the status says so; the agents keep their configuration. */
    public void onVcenterDown() {
        vcenterConnected = false;
    }

    public boolean vcenterConnected() {
        return vcenterConnected;
    }

    /** The last inventory read, or empty before the first. */
    public Optional<Inventory> inventory() {
        return Optional.ofNullable(inventory);
    }

    /** The configuration the agents of a cluster are being given, if HA was ever enabled on it. */
    public Optional<ClusterConfig> config(String clusterMoid) {
        return Optional.ofNullable(configs.get(clusterMoid));
    }

    /** Delivery of the current configuration to each agent of the cluster. */
    public List<AgentPushState> pushStates(String clusterMoid) {
        return pusher.states(clusterMoid);
    }

    /**
     * Rebuilds a cluster's configuration from the current inventory; if it changed (version aside)
     * takes the next version, stores it, writes the agent files and pushes. Otherwise makes sure the
     * agents are being given the stored version (after a bridge restart).
     */
    private ClusterState rebuild(ClusterState s) {
        ClusterConfig built = ConfigBuilder.build(new ConfigBuilder.Input(inventory, s.moid(), s.identity(), s.version() + 1,
                s.settings(), s.haEnabled(), addresses));
        String fingerprint = ConfigBuilder.fingerprint(built);
        ClusterState next = s;
        ClusterConfig config;
        if (fingerprint.equals(s.fingerprint()) && s.version() > 0) {
            config = ConfigBuilder.withVersion(built, s.version());
        } else {
            config = built;
            next = s.withVersion(built.version(), fingerprint);
            LOG.info("cluster {} configuration version {}: {} hosts, {} VMs, HA {}", s.moid(), config.version(),
                    config.hosts().size(), config.vmOverrides().size(), s.haEnabled() ? "enabled" : "disabled");
        }
        if (!store.find(s.moid()).map(next::equals).orElse(false)) {
            store.save(next);
        }
        boolean fresh = !config.equals(configs.put(s.moid(), config));
        if (fresh) {
            files.write(s.moid(), config);
            pusher.push(s.moid(), config);
        }
        return next;
    }

    private Inventory requireInventory() {
        Inventory inv = inventory;
        if (inv == null) {
            throw new BridgeException(BridgeException.Kind.UNAVAILABLE,
                    "the bridge has not read vCenter's inventory yet (vCenter unreachable?); try again shortly");
        }
        return inv;
    }

    private ClusterRecord requireCluster(Inventory inv, String moid) {
        return inv.cluster(moid).orElseThrow(() -> new BridgeException(BridgeException.Kind.NOT_FOUND,
                "no cluster " + moid + " in vCenter's inventory"));
    }

    // ------------------------------------------------------------------ BridgeService

    @Override
    public List<ClusterSummary> clusters() {
        Inventory inv = inventory;
        if (inv == null) {
            return List.of();
        }
        return inv.clusters().stream().map(c -> summary(inv, c)).sorted(Comparator.comparing(ClusterSummary::name)
                .thenComparing(ClusterSummary::moid)).toList();
    }

    private ClusterSummary summary(Inventory inv, ClusterRecord c) {
        Optional<ClusterState> s = store.find(c.moid());
        int vms = (int) inv.vmsOf(c).stream().filter(v -> !v.template()).count();
        return new ClusterSummary(c.moid(), c.name(), inv.hostsOf(c).size(), vms, s.map(ClusterState::haEnabled).orElse(false),
                s.map(ClusterState::identity).map(ClusterIdentity::clusterId).orElse(""), s.map(ClusterState::version).orElse(0L));
    }

    @Override
    public synchronized ClusterSummary enableHa(String clusterMoid) {
        Inventory inv = requireInventory();
        ClusterRecord cluster = requireCluster(inv, clusterMoid);
        ClusterState s = store.find(clusterMoid).orElse(ClusterState.fresh(clusterMoid, HaSettings.defaults()));
        if (s.haEnabled() && s.identity() != null) {
            return summary(inv, cluster);
        }
        ClusterState enabled = s.withEnabled(true);
        if (enabled.identity() == null) {
            enabled = enabled.withIdentity(ClusterIdentity.create(inv.vcenterUuid(), clusterMoid, random));
        }
        rebuild(enabled); // throws INVALID before anything is stored when the cluster cannot be protected
        problems.remove(clusterMoid);
        LOG.info("HA enabled on cluster {} ({}), cluster id {}", clusterMoid, cluster.name(), enabled.identity().clusterId());
        return summary(inv, cluster);
    }

    @Override
    public synchronized ClusterSummary disableHa(String clusterMoid) {
        Inventory inv = requireInventory();
        ClusterRecord cluster = requireCluster(inv, clusterMoid);
        Optional<ClusterState> s = store.find(clusterMoid);
        if (s.isEmpty() || !s.get().haEnabled()) {
            return summary(inv, cluster);
        }
        ClusterState disabled = s.get().withEnabled(false);
        try {
            rebuild(disabled);
        } catch (BridgeException e) {
            // The cluster cannot be described to its agents any more (e.g. every host gone); remember
            // the choice so the next usable inventory pushes the configuration that protects nothing.
            store.save(disabled);
            problems.put(clusterMoid, e.getMessage());
        }
        LOG.info("HA disabled on cluster {} ({})", clusterMoid, cluster.name());
        return summary(inv, cluster);
    }

    @Override
    public HaSettings settings(String clusterMoid) {
        Inventory inv = inventory;
        Optional<ClusterState> s = store.find(clusterMoid);
        if (s.isPresent()) {
            return s.get().settings();
        }
        if (inv != null) {
            requireCluster(inv, clusterMoid);
            return HaSettings.defaults();
        }
        throw new BridgeException(BridgeException.Kind.UNAVAILABLE, "the bridge has not read vCenter's inventory yet");
    }

    @Override
    public synchronized HaSettings updateSettings(String clusterMoid, HaSettings settings) {
        HaSettingsRules.validate(settings);
        Inventory inv = requireInventory();
        requireCluster(inv, clusterMoid);
        ClusterState s = store.find(clusterMoid).orElse(ClusterState.fresh(clusterMoid, settings)).withSettings(settings);
        if (s.identity() != null) {
            rebuild(s); // INVALID leaves the stored settings as they were
        } else {
            store.save(s);
        }
        return settings;
    }

    /**
     * Sets a VM's restart priority in vCenter ({@code dasVmConfig} of its cluster), reads it back,
     * and pushes the resulting configuration as a new version before returning.
     *
     * @param priority a priority name ({@code high}), or {@code clusterRestartPriority} to remove the override
     * @throws BridgeException NOT_FOUND (cluster or VM), INVALID (priority), UNAVAILABLE (vCenter down)
     */
    @Override
    public void setRestartPriority(String clusterMoid, String vmMoid, String priority) {
        if (priority != null && !priority.equals("clusterRestartPriority") && HaSettingsRules.priority(priority) == null) {
            throw new BridgeException(BridgeException.Kind.INVALID, "priority: must be one of " + HaSettingsRules.priorityNames()
                    + " or clusterRestartPriority, was " + priority);
        }
        Inventory inv = requireInventory();
        ClusterRecord cluster = requireCluster(inv, clusterMoid);
        if (inv.vmsOf(cluster).stream().noneMatch(v -> v.moid().equals(vmMoid))) {
            throw new BridgeException(BridgeException.Kind.NOT_FOUND, "no VM " + vmMoid + " in cluster " + clusterMoid);
        }
        VcenterSession s = session.get().orElseThrow(() -> new BridgeException(BridgeException.Kind.UNAVAILABLE,
                "vCenter is not connected; the priority was not changed"));
        try {
            s.setRestartPriority(clusterMoid, vmMoid, priority);
            // Read the change back at once rather than wait for WaitForUpdatesEx: vcsim changes
            // configurationEx in place and never reports it (real vCenter does; the re-read then
            // finds nothing new).
            refreshFrom(s);
        } catch (io.openfdm.bridge.vcenter.VcenterUnavailableException e) {
            throw new BridgeException(BridgeException.Kind.UNAVAILABLE, "vCenter did not take the change: " + e.getMessage(), e);
        }
    }

    @Override
    public ClusterStatus status(String clusterMoid) {
        Inventory inv = requireInventory();
        ClusterRecord cluster = requireCluster(inv, clusterMoid);
        ClusterConfig config = configs.get(clusterMoid);
        List<AgentReports.Result> results = config == null ? List.of() : reports.read(config, STATUS_EVENTS);
        List<AgentReport> answered = new ArrayList<>();
        results.stream().filter(AgentReports.Result::ok).forEach(r -> answered.add(r.report()));
        HaSettings settings = store.find(clusterMoid).map(ClusterState::settings).orElse(HaSettings.defaults());
        return StatusView.of(summary(inv, cluster), vcenterConnected, inv, cluster, config,
                HaSettingsRules.priority(settings.defaultRestartPriority()), answered, addresses, clock.wallMs(), STATUS_EVENTS);
    }

    /** Why the last rebuild of the cluster failed, if it did (shown in logs and {@code fdm bridge}). */
    public Optional<String> problem(String clusterMoid) {
        return Optional.ofNullable(problems.get(clusterMoid));
    }
}
