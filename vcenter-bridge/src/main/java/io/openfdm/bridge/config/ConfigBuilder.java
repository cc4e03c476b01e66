package io.openfdm.bridge.config;

import io.openfdm.agent.config.ClusterConfigFiles;
import io.openfdm.bridge.api.BridgeException;
import io.openfdm.bridge.api.HaSettings;
import io.openfdm.bridge.dasconfig.DasConfigException;
import io.openfdm.bridge.dasconfig.DasConfigMapping;
import io.openfdm.bridge.dasconfig.HostModeMapping;
import io.openfdm.bridge.dasconfig.MappedHaConfig;
import io.openfdm.bridge.inventory.ClusterRecord;
import io.openfdm.bridge.inventory.DasVmSettings;
import io.openfdm.bridge.inventory.DatastoreRecord;
import io.openfdm.bridge.inventory.HostRecord;
import io.openfdm.bridge.inventory.Inventory;
import io.openfdm.bridge.inventory.VmRecord;
import io.openfdm.core.config.ClusterConfig;
import io.openfdm.core.config.ConfigException;
import io.openfdm.core.config.DatastoreSpec;
import io.openfdm.core.config.HostSpec;
import io.openfdm.core.config.IsolationResponse;
import io.openfdm.core.config.VmMonitoringPolicy;
import io.openfdm.core.config.VmOverride;
import io.openfdm.core.model.HostId;
import io.openfdm.core.model.RestartPriority;
import io.openfdm.core.model.VmId;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Builds the cluster configuration the agents work from, out of one inventory read, the cluster's
 * stored identity and HA settings. A pure function: the same inputs give the same configuration.
 *
 * <ul>
 *   <li><b>Hosts</b>: the cluster's hosts, by MOID, except hosts vCenter has disconnected. A host in
 *       maintenance mode or standby stays a member with that mode ({@link HostModeMapping}): its
 *       agent follows the mode, and no master restarts VMs on it or restarts its VMs when it goes
 *       down. Address: see {@link AgentAddresses}. Capacity: the host's CPU and memory, or the
 *       agents' defaults when vCenter reports none.</li>
 *   <li><b>Datastores</b>: every datastore those hosts mount whose URL names a local path
 *       ({@link DatastorePaths}); each host lists the ones it mounts.</li>
 *   <li><b>VMs</b>: one override per VM registered on the cluster's hosts ({@code runtime.host}),
 *       templates excluded. Priority: the VM's {@code dasVmConfig} restart priority, else the
 *       cluster default. Isolation response: the VM's {@code dasVmConfig} isolation response, else
 *       none (the cluster's applies). Protected only while HA is enabled: a disabled cluster gets a
 *       configuration that protects no VM, so the agents stop restarting but keep their
 *       membership.</li>
 *   <li><b>HA policy</b> ({@code HaPolicy}), default restart priority and heartbeat datastores:
 *       from vCenter's {@code dasConfig} when it reports one, else from the stored settings
 *       ({@link HaConfigSource}). VM monitoring per VM: the VM's {@code dasVmConfig}
 *       {@code vmToolsMonitoringSettings} ({@link DasConfigMapping#vmMonitoring}).</li>
 *   <li>The <b>timer profile</b>: from the settings.</li>
 * </ul>
 */
public final class ConfigBuilder {
    private ConfigBuilder() {
    }

    /** Everything one build needs. */
    public record Input(Inventory inventory, String clusterMoid, ClusterIdentity identity, long version,
                        HaSettings settings, boolean haEnabled, AgentAddresses addresses) {
    }

    /**
     * @return a validated configuration
     * @throws BridgeException {@code NOT_FOUND} if the cluster is not in the inventory;
     *                         {@code INVALID} if it cannot be protected: no usable host, a host
     *                         without an agent address, two hosts on one address, ...
     */
    public static ClusterConfig build(Input in) {
        Inventory inv = in.inventory();
        ClusterRecord cluster = inv.cluster(in.clusterMoid()).orElseThrow(() ->
                new BridgeException(BridgeException.Kind.NOT_FOUND, "no cluster " + in.clusterMoid() + " in vCenter's inventory"));
        HaSettingsRules.validate(in.settings());
        List<HostRecord> hosts = inv.hostsOf(cluster).stream().filter(ConfigBuilder::member).toList();
        if (hosts.isEmpty()) {
            throw invalid(cluster, "it has no connected host");
        }

        Map<String, DatastoreRecord> dsByMoid = inv.datastoresByMoid();
        Map<String, DatastoreSpec> datastores = new TreeMap<>();
        for (HostRecord h : hosts) {
            for (String moid : h.datastores()) {
                DatastoreRecord ds = dsByMoid.get(moid);
                if (ds != null) {
                    DatastorePaths.localPath(ds.url()).ifPresent(path -> datastores.putIfAbsent(ds.name(), new DatastoreSpec(ds.name(), path)));
                }
            }
        }

        List<HostSpec> hostSpecs = new ArrayList<>();
        for (HostRecord h : hosts) {
            AgentAddress address = in.addresses().of(h).orElseThrow(() -> invalid(cluster, "host " + h.moid() + " (" + h.name()
                    + ") has no management IP and no --agent-address"));
            List<String> mounted = h.datastores().stream().map(dsByMoid::get).filter(d -> d != null)
                    .map(DatastoreRecord::name).filter(datastores::containsKey).distinct().sorted().toList();
            hostSpecs.add(new HostSpec(HostId.of(h.moid()), address.ip(), address.port(), mounted,
                    h.cpuMhz() > 0 ? h.cpuMhz() : ClusterConfigFiles.DEFAULT_CPU_MHZ,
                    h.memoryMb() > 0 ? h.memoryMb() : ClusterConfigFiles.DEFAULT_MEMORY_MB, HostModeMapping.of(h)));
        }

        MappedHaConfig ha;
        try {
            Map<String, String> configuredByMoid = new TreeMap<>();
            dsByMoid.forEach((moid, ds) -> {
                if (datastores.containsKey(ds.name())) {
                    configuredByMoid.put(moid, ds.name());
                }
            });
            ha = HaConfigSource.of(cluster, in.settings(), hostSpecs.stream().map(HostSpec::id).collect(Collectors.toSet()),
                    configuredByMoid);
        } catch (BridgeException e) {
            throw invalid(cluster, e.getMessage());
        }
        boolean protect = in.haEnabled();
        RestartPriority clusterDefault = ha.defaultRestartPriority();
        List<VmOverride> overrides = new ArrayList<>();
        for (VmRecord vm : inv.vmsOf(cluster)) {
            if (vm.template()) {
                continue;
            }
            Optional<DasVmSettings> das = cluster.dasVmSettings(vm.moid());
            VmMonitoringPolicy monitoring;
            try {
                monitoring = das.map(d -> DasConfigMapping.vmMonitoring(vm.moid(), d.vmToolsMonitoringSettings(),
                        ha.policy().vmMonitoring())).orElse(null);
            } catch (DasConfigException e) {
                throw invalid(cluster, "vCenter's HA configuration: " + e.getMessage());
            }
            overrides.add(new VmOverride(VmId.of(vm.moid()), protect, priority(das, clusterDefault), isolationResponse(das),
                    monitoring, vm.restartClass()));
        }

        ClusterConfig config = new ClusterConfig(in.identity().clusterId(), in.version(), in.identity().keyHex(), hostSpecs,
                List.copyOf(datastores.values()), overrides, ha.heartbeatDatastoresPerHost(),
                HaSettingsRules.timing(in.settings()), ha.policy(), ha.heartbeatDatastores());
        try {
            return config.validate();
        } catch (ConfigException e) {
            throw invalid(cluster, e.getMessage());
        }
    }

    /** The restart priority of a VM: its own {@code dasVmConfig} priority, else the cluster default. */
    public static RestartPriority priority(Optional<DasVmSettings> override, RestartPriority clusterDefault) {
        if (override.isPresent() && override.get().hasOwnPriority()) {
            RestartPriority own = HaSettingsRules.priority(override.get().restartPriority());
            if (own != null) {
                return own;
            }
        }
        return clusterDefault;
    }

    /**
     * The isolation response of a VM's own {@code dasVmConfig}, or null for the cluster's: when it
     * has none, says {@code clusterIsolationResponse}, or says something vSphere does not define
     * (an API newer than this bridge), like {@link #priority} does for priorities.
     */
    public static IsolationResponse isolationResponse(Optional<DasVmSettings> override) {
        return override.flatMap(o -> IsolationResponse.fromWireName(o.isolationResponse())).orElse(null);
    }

    /**
     * A fingerprint of a configuration ignoring its version: SHA-256 of its {@code cluster.json}
     * form with version 0. Two builds from an unchanged inventory give the same fingerprint, so the
     * bridge pushes a new version only when something the agents use changed.
     */
    public static String fingerprint(ClusterConfig c) {
        ClusterConfig unversioned = withVersion(c, 0);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(ClusterConfigFiles.toJson(unversioned)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    /** A configuration with another version. */
    public static ClusterConfig withVersion(ClusterConfig c, long version) {
        return new ClusterConfig(c.clusterId(), version, c.keyHex(), c.hosts(), c.datastores(), c.vmOverrides(),
                c.heartbeatDatastoresPerHost(), c.timing(), c.haPolicy(), c.heartbeatDatastores(), c.restartPolicy());
    }

    private static boolean member(HostRecord h) {
        return !"disconnected".equals(h.connectionState());
    }

    private static BridgeException invalid(ClusterRecord cluster, String why) {
        return new BridgeException(BridgeException.Kind.INVALID, "cluster " + cluster.moid() + " (" + cluster.name()
                + ") cannot be protected: " + why);
    }
}
