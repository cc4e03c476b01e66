package io.openfdm.bridge.web;

import io.openfdm.bridge.api.BridgeException;
import io.openfdm.bridge.api.BridgeService;
import io.openfdm.bridge.api.ClusterStatus;
import io.openfdm.bridge.api.ClusterSummary;
import io.openfdm.bridge.api.HaSettings;
import io.openfdm.core.journal.EventKind;
import io.openfdm.core.model.HostState;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * A small, real {@link BridgeService} kept in memory, for the web server's, the plugin page's and
 * the CLI's tests: an inventory of clusters, hosts and VMs built by the test; enabling HA elects
 * the lowest host MOID as master and protects the powered-on VMs; a host failure moves its
 * protected VMs to the next live host the way a master would, recording the events. It validates
 * settings with the rules {@link HaSettings} documents, and can play a lost vCenter session.
 *
 * <p>Also in the vcenter-bridge test-jar, which fdm-cli's tests use.
 */
public final class InMemoryBridgeService implements BridgeService {
    static final Set<String> PRIORITIES = Set.of("disabled", "lowest", "low", "medium", "high", "highest");
    static final Set<String> ISOLATION_RESPONSES = Set.of("none", "powerOff", "shutdown");
    static final Set<String> TIMING_PROFILES = Set.of("default", "aggressive");
    static final int MAX_EVENTS = 50;

    private final Map<String, Cluster> clusters = new TreeMap<>();
    private final LongSupplier wallClockMs;
    private boolean vcenterConnected = true;
    private RuntimeException failure;

    public InMemoryBridgeService() {
        this(System::currentTimeMillis);
    }

    public InMemoryBridgeService(LongSupplier wallClockMs) {
        this.wallClockMs = wallClockMs;
    }

    /**
     * The inventory most tests use: {@code domain-c7} "Production" with hosts host-11..host-13
     * (agents 127.0.0.11..13:8190, datastores ds-1 and ds-2) and VMs vm-101..vm-106 (two per host,
     * vm-106 powered off, vm-101 with restart priority high); {@code domain-c9} "Lab" with no hosts.
     */
    public static InMemoryBridgeService sample() {
        InMemoryBridgeService s = new InMemoryBridgeService();
        s.addCluster("domain-c7", "Production");
        for (int i = 1; i <= 3; i++) {
            s.addHost("domain-c7", "host-1" + i, "esx-0" + i + ".lab.local", "127.0.0.1" + i + ":8190", List.of("ds-1", "ds-2"));
        }
        s.addVm("domain-c7", "vm-101", "db-01", "host-11", true, "high");
        s.addVm("domain-c7", "vm-102", "web-01", "host-11", true, null);
        s.addVm("domain-c7", "vm-103", "web-02", "host-12", true, null);
        s.addVm("domain-c7", "vm-104", "app-01", "host-12", true, null);
        s.addVm("domain-c7", "vm-105", "app-02", "host-13", true, null);
        s.addVm("domain-c7", "vm-106", "spare-01", "host-13", false, null);
        s.addCluster("domain-c9", "Lab");
        return s;
    }

    public synchronized void addCluster(String moid, String name) {
        clusters.put(moid, new Cluster(moid, name));
    }

    /** @param agentAddress {@code address:port}, or null for a host without an agent (enable then fails) */
    public synchronized void addHost(String clusterMoid, String moid, String name, String agentAddress, List<String> datastores) {
        cluster(clusterMoid).hosts.put(moid, new Host(moid, name, agentAddress, List.copyOf(datastores)));
    }

    /** @param priority a {@code dasVmConfig} override, or null for the cluster default */
    public synchronized void addVm(String clusterMoid, String moid, String name, String hostMoid, boolean poweredOn, String priority) {
        Cluster c = cluster(clusterMoid);
        if (!c.hosts.containsKey(hostMoid)) {
            throw new IllegalArgumentException("no host " + hostMoid + " in " + clusterMoid);
        }
        c.vms.put(moid, new Vm(moid, name, hostMoid, poweredOn, priority));
    }

    /** vCenter's session lost (true) or back (false): status says so, enable and disable answer UNAVAILABLE. */
    public synchronized void setVcenterConnected(boolean connected) {
        this.vcenterConnected = connected;
    }

    /** Every call throws {@code failure} (null: back to normal), e.g. a bug in the bridge. */
    public synchronized void failEveryCallWith(RuntimeException failure) {
        this.failure = failure;
    }

    /**
     * A host fails as the master would report it: the host is {@code hostDown}, its protected VMs
     * are powered on, one by one, on the live hosts in MOID order (skipping the failed one), with
     * HOST_STATE_CHANGED, RESTART_REQUESTED and RESTART_SUCCEEDED events; a failed master hands over
     * to the lowest live host.
     */
    public synchronized void failHost(String clusterMoid, String hostMoid) {
        Cluster c = cluster(clusterMoid);
        Host failed = c.hosts.get(hostMoid);
        if (failed == null) {
            throw new IllegalArgumentException("no host " + hostMoid + " in " + clusterMoid);
        }
        failed.state = HostState.HOST_DOWN.vsphereName();
        if (hostMoid.equals(c.master)) {
            c.master = c.hosts.values().stream().filter(h -> !h.moid.equals(hostMoid)).map(h -> h.moid).findFirst().orElse("");
            c.hosts.values().stream().filter(h -> h.moid.equals(c.master))
                    .forEach(h -> h.state = HostState.MASTER.vsphereName());
            event(c, c.master, EventKind.ROLE_CHANGED, c.master + " became master");
        }
        event(c, c.master, EventKind.HOST_STATE_CHANGED, hostMoid + " is hostDown");
        List<Host> live = c.hosts.values().stream().filter(h -> !h.moid.equals(hostMoid)).toList();
        int next = 0;
        for (Vm vm : c.vms.values()) {
            if (!vm.host.equals(hostMoid)) {
                continue;
            }
            if (!vm.protectedByHa || live.isEmpty()) {
                vm.poweredOn = false;
                continue;
            }
            Host target = live.get(next++ % live.size());
            event(c, c.master, EventKind.RESTART_REQUESTED, "restart " + vm.moid + " on " + target.moid);
            vm.host = target.moid;
            vm.poweredOn = true;
            event(c, target.moid, EventKind.RESTART_SUCCEEDED, vm.moid + " powered on on " + target.moid);
        }
    }

    @Override
    public synchronized List<ClusterSummary> clusters() {
        check();
        return clusters.values().stream().map(Cluster::summary)
                .sorted(Comparator.comparing(ClusterSummary::name)).toList();
    }

    @Override
    public synchronized ClusterSummary enableHa(String clusterMoid) {
        check();
        Cluster c = cluster(clusterMoid);
        requireVcenter("enable HA on " + clusterMoid);
        if (c.haEnabled) {
            return c.summary();
        }
        if (c.hosts.isEmpty()) {
            throw new BridgeException(BridgeException.Kind.INVALID, "cluster " + clusterMoid + " (" + c.name
                    + ") has no hosts; add hosts in vCenter before turning on HA");
        }
        for (Host h : c.hosts.values()) {
            if (h.agentAddress == null) {
                throw new BridgeException(BridgeException.Kind.INVALID, "host " + h.moid + " has no agent address");
            }
        }
        if (c.clusterId.isEmpty()) {
            c.clusterId = "fdm-" + clusterMoid;
        }
        c.haEnabled = true;
        c.configVersion++;
        c.master = c.hosts.keySet().iterator().next();
        for (Host h : c.hosts.values()) {
            h.state = (h.moid.equals(c.master) ? HostState.MASTER : HostState.CONNECTED_TO_MASTER).vsphereName();
        }
        for (Vm vm : c.vms.values()) {
            vm.protectedByHa = vm.poweredOn; // host monitoring off keeps protection (the master restarts nothing)
        }
        event(c, c.master, EventKind.CONFIG_CHANGED, "config version " + c.configVersion + ": HA enabled");
        event(c, c.master, EventKind.ROLE_CHANGED, c.master + " became master");
        return c.summary();
    }

    @Override
    public synchronized ClusterSummary disableHa(String clusterMoid) {
        check();
        Cluster c = cluster(clusterMoid);
        requireVcenter("disable HA on " + clusterMoid);
        if (!c.haEnabled) {
            return c.summary();
        }
        c.haEnabled = false;
        c.configVersion++;
        for (Vm vm : c.vms.values()) {
            vm.protectedByHa = false;
        }
        event(c, c.master, EventKind.CONFIG_CHANGED, "config version " + c.configVersion + ": HA disabled, nothing protected");
        return c.summary();
    }

    @Override
    public synchronized ClusterStatus status(String clusterMoid) {
        check();
        Cluster c = cluster(clusterMoid);
        List<ClusterStatus.HostRow> hosts = c.hosts.values().stream()
                .map(h -> new ClusterStatus.HostRow(h.moid, h.name, h.agentAddress == null ? "" : h.agentAddress,
                        h.state, "connected", h.datastores)).toList();
        List<ClusterStatus.VmRow> vms = c.vms.values().stream()
                .sorted(Comparator.comparing((Vm v) -> v.name))
                .map(v -> new ClusterStatus.VmRow(v.moid, v.name, v.host, v.poweredOn ? "poweredOn" : "poweredOff",
                        v.protectedByHa, v.priority == null ? c.settings.defaultRestartPriority() : v.priority, "none"))
                .toList();
        return new ClusterStatus(c.summary(), vcenterConnected, c.haEnabled ? c.master : "", hosts, vms,
                List.copyOf(c.events), wallClockMs.getAsLong());
    }

    @Override
    public synchronized void setRestartPriority(String clusterMoid, String vmMoid, String priority) {
        check();
        Cluster c = cluster(clusterMoid);
        Vm vm = c.vms.get(vmMoid);
        if (vm == null) {
            throw new BridgeException(BridgeException.Kind.NOT_FOUND, "no VM " + vmMoid + " in cluster " + clusterMoid);
        }
        if (!priority.equals("clusterRestartPriority")) {
            oneOf("priority", priority, PRIORITIES);
        }
        requireVcenter("change a VM's restart priority");
        vm.priority = priority.equals("clusterRestartPriority") ? null : priority;
        if (c.haEnabled) {
            c.configVersion++;
            event(c, c.master, EventKind.CONFIG_CHANGED, "config version " + c.configVersion + ": " + vmMoid
                    + " restart priority " + priority);
        }
    }

    @Override
    public synchronized HaSettings settings(String clusterMoid) {
        check();
        return cluster(clusterMoid).settings;
    }

    @Override
    public synchronized HaSettings updateSettings(String clusterMoid, HaSettings settings) {
        check();
        Cluster c = cluster(clusterMoid);
        oneOf("defaultRestartPriority", settings.defaultRestartPriority(), PRIORITIES);
        oneOf("isolationResponse", settings.isolationResponse(), ISOLATION_RESPONSES);
        oneOf("timingProfile", settings.timingProfile(), TIMING_PROFILES);
        if (settings.heartbeatDatastoresPerHost() < 1 || settings.heartbeatDatastoresPerHost() > 5) {
            throw new BridgeException(BridgeException.Kind.INVALID, "heartbeatDatastoresPerHost: must be 1-5 "
                    + "(das.heartbeatDsPerHost), not " + settings.heartbeatDatastoresPerHost());
        }
        c.settings = settings;
        if (c.haEnabled) {
            c.configVersion++;
            event(c, c.master, EventKind.CONFIG_CHANGED, "config version " + c.configVersion + ": HA settings changed");
        }
        return settings;
    }

    private static void oneOf(String field, String value, Set<String> allowed) {
        if (!allowed.contains(value)) {
            throw new BridgeException(BridgeException.Kind.INVALID, field + ": must be one of "
                    + String.join(", ", allowed.stream().sorted().toList()) + ", not '" + value + "'");
        }
    }

    private void check() {
        if (failure != null) {
            throw failure;
        }
    }

    private void requireVcenter(String what) {
        if (!vcenterConnected) {
            throw new BridgeException(BridgeException.Kind.UNAVAILABLE, "cannot " + what + ": vCenter is not reachable");
        }
    }

    private Cluster cluster(String moid) {
        Cluster c = clusters.get(moid);
        if (c == null) {
            throw new BridgeException(BridgeException.Kind.NOT_FOUND, "no cluster " + moid + " in vCenter's inventory");
        }
        return c;
    }

    private void event(Cluster c, String host, EventKind kind, String message) {
        c.events.add(new ClusterStatus.EventRow(wallClockMs.getAsLong(), host, kind.name(), message));
        while (c.events.size() > MAX_EVENTS) {
            c.events.remove(0);
        }
    }

    private static final class Cluster {
        final String moid;
        final String name;
        final Map<String, Host> hosts = new TreeMap<>();
        final Map<String, Vm> vms = new LinkedHashMap<>();
        final List<ClusterStatus.EventRow> events = new ArrayList<>();
        boolean haEnabled;
        String clusterId = "";
        long configVersion;
        String master = "";
        HaSettings settings = HaSettings.defaults();

        Cluster(String moid, String name) {
            this.moid = moid;
            this.name = name;
        }

        ClusterSummary summary() {
            return new ClusterSummary(moid, name, hosts.size(), vms.size(), haEnabled, clusterId, configVersion);
        }
    }

    private static final class Host {
        final String moid;
        final String name;
        final String agentAddress;
        final List<String> datastores;
        String state = "unknown";

        Host(String moid, String name, String agentAddress, List<String> datastores) {
            this.moid = moid;
            this.name = name;
            this.agentAddress = agentAddress;
            this.datastores = datastores;
        }
    }

    private static final class Vm {
        final String moid;
        final String name;
        String priority;
        String host;
        boolean poweredOn;
        boolean protectedByHa;

        Vm(String moid, String name, String host, boolean poweredOn, String priority) {
            this.moid = moid;
            this.name = name;
            this.host = host;
            this.poweredOn = poweredOn;
            this.priority = priority;
        }
    }
}
