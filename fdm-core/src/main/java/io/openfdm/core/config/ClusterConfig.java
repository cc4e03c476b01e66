package io.openfdm.core.config;

import io.openfdm.core.model.HostId;
import io.openfdm.core.model.VmId;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The versioned cluster configuration every agent works from: members, datastores, per-VM
 * overrides, timers and the HA policy. A configuration with a higher {@code version} replaces the current one and
 * triggers an election (FDM re-elects when HA is reconfigured).
 *
 * @param clusterId  names the {@code .vSphere-HA/<clusterId>/} folder on each datastore; letters,
 *                   digits, '-', '_' and '.' only
 * @param version    grows with every change, starting at 1
 * @param keyHex     the cluster key for HMAC-SHA256, hex, at least 32 bytes (64 hex digits)
 * @param hosts      members, at least one, unique MOIDs and address:port pairs
 * @param datastores shared datastores, unique names
 * @param vmOverrides per-VM HA settings (may be empty)
 * @param heartbeatDatastoresPerHost how many datastores each host writes its heartbeat file to
 *                   (FDM default 2, at most 5)
 * @param timing     timers
 * @param haPolicy   host monitoring, isolation response, admission control; null (a configuration
 *                   stored before the policy existed) means {@link HaPolicy#defaults()}
 * @param heartbeatDatastores how heartbeat datastores are chosen (automatic, or pinned by the
 *                   user); null means {@link HeartbeatDatastorePolicy#defaults()}
 * @param restartPolicy retry schedule, restart orchestration, dependency and placement rules; null
 *                   means {@link #legacyRestartPolicy(Timing)} (the schedule of the timing's older
 *                   {@code restartBackoffMs}/{@code restartMaxAttempts})
 */
public record ClusterConfig(String clusterId, long version, String keyHex, List<HostSpec> hosts,
                            List<DatastoreSpec> datastores, List<VmOverride> vmOverrides,
                            int heartbeatDatastoresPerHost, Timing timing, HaPolicy haPolicy,
                            HeartbeatDatastorePolicy heartbeatDatastores, RestartPolicy restartPolicy) {

    private static final Pattern CLUSTER_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    private static final Pattern HEX = Pattern.compile("([0-9a-fA-F]{2}){32,}");

    public ClusterConfig {
        hosts = List.copyOf(hosts);
        datastores = List.copyOf(datastores);
        vmOverrides = List.copyOf(vmOverrides);
        haPolicy = haPolicy == null ? HaPolicy.defaults() : haPolicy;
        heartbeatDatastores = heartbeatDatastores == null ? HeartbeatDatastorePolicy.defaults() : heartbeatDatastores;
        restartPolicy = restartPolicy == null ? legacyRestartPolicy(timing) : restartPolicy;
    }

    /**
     * A configuration with automatic heartbeat datastore choice ({@link HeartbeatDatastorePolicy#defaults()})
     * and the restart policy {@link #legacyRestartPolicy(Timing)}.
     */
    public ClusterConfig(String clusterId, long version, String keyHex, List<HostSpec> hosts,
                         List<DatastoreSpec> datastores, List<VmOverride> vmOverrides,
                         int heartbeatDatastoresPerHost, Timing timing, HaPolicy haPolicy) {
        this(clusterId, version, keyHex, hosts, datastores, vmOverrides, heartbeatDatastoresPerHost, timing,
                haPolicy, HeartbeatDatastorePolicy.defaults(), null);
    }

    /** A configuration whose restart policy is {@link #legacyRestartPolicy(Timing)}. */
    public ClusterConfig(String clusterId, long version, String keyHex, List<HostSpec> hosts,
                         List<DatastoreSpec> datastores, List<VmOverride> vmOverrides,
                         int heartbeatDatastoresPerHost, Timing timing, HaPolicy haPolicy,
                         HeartbeatDatastorePolicy heartbeatDatastores) {
        this(clusterId, version, keyHex, hosts, datastores, vmOverrides, heartbeatDatastoresPerHost, timing,
                haPolicy, heartbeatDatastores, null);
    }

    /** A configuration with automatic heartbeat datastore choice ({@link HeartbeatDatastorePolicy#defaults()}). */
    public ClusterConfig(String clusterId, long version, String keyHex, List<HostSpec> hosts,
                         List<DatastoreSpec> datastores, List<VmOverride> vmOverrides,
                         int heartbeatDatastoresPerHost, Timing timing, HaPolicy haPolicy, RestartPolicy restartPolicy) {
        this(clusterId, version, keyHex, hosts, datastores, vmOverrides, heartbeatDatastoresPerHost, timing,
                haPolicy, HeartbeatDatastorePolicy.defaults(), restartPolicy);
    }

    /**
     * The restart policy a configuration without one means: no rules, no readiness wait, and the
     * retry schedule of {@code timing}'s {@code restartBackoffMs} (doubling) and
     * {@code restartMaxAttempts} ({@link RestartPolicy#doublingSchedule}). For
     * {@link Timing#defaults()} that is VMware's T0, T2m, T6m, T14m, T30m.
     */
    public static RestartPolicy legacyRestartPolicy(Timing timing) {
        return timing == null ? RestartPolicy.defaults()
                : RestartPolicy.withSchedule(RestartPolicy.doublingSchedule(timing.restartBackoffMs(),
                        timing.restartMaxAttempts()));
    }

    /** The same configuration with another restart policy. */
    public ClusterConfig withRestartPolicy(RestartPolicy policy) {
        return new ClusterConfig(clusterId, version, keyHex, hosts, datastores, vmOverrides, heartbeatDatastoresPerHost,
                timing, haPolicy, heartbeatDatastores, policy);
    }

    /** A configuration with vSphere's default HA policy ({@link HaPolicy#defaults()}). */
    public ClusterConfig(String clusterId, long version, String keyHex, List<HostSpec> hosts,
                         List<DatastoreSpec> datastores, List<VmOverride> vmOverrides,
                         int heartbeatDatastoresPerHost, Timing timing) {
        this(clusterId, version, keyHex, hosts, datastores, vmOverrides, heartbeatDatastoresPerHost, timing,
                HaPolicy.defaults());
    }

    /** The member with this MOID, if configured. */
    public Optional<HostSpec> host(HostId id) {
        return hosts.stream().filter(h -> h.id().equals(id)).findFirst();
    }

    public Map<String, DatastoreSpec> datastoresByName() {
        return datastores.stream().collect(Collectors.toMap(DatastoreSpec::name, Function.identity()));
    }

    public Optional<VmOverride> override(VmId vm) {
        return vmOverrides.stream().filter(o -> o.vm().equals(vm)).findFirst();
    }

    /**
     * Whether this configuration differs from {@code other} in its per-VM overrides and/or its
     * hosts' modes ({@link HostSpec#mode()}) and in nothing else but the version: such a change (a
     * VM's restart priority, isolation response, VM monitoring or protection set in vCenter; a host
     * entering or leaving maintenance or standby mode in vCenter) is applied in place, without a new
     * election. Any other newer version, a change of the HA policy or a bare version bump included,
     * is an HA reconfiguration and triggers an election, as in FDM.
     */
    public boolean differsOnlyInOverrides(ClusterConfig other) {
        boolean changed = !vmOverrides.equals(other.vmOverrides) || !hosts.equals(other.hosts);
        return changed && clusterId.equals(other.clusterId) && keyHex.equals(other.keyHex)
                && inServiceHosts(hosts).equals(inServiceHosts(other.hosts))
                && datastores.equals(other.datastores)
                && heartbeatDatastoresPerHost == other.heartbeatDatastoresPerHost && timing.equals(other.timing)
                && haPolicy.equals(other.haPolicy) && heartbeatDatastores.equals(other.heartbeatDatastores)
                && restartPolicy.equals(other.restartPolicy);
    }

    private static List<HostSpec> inServiceHosts(List<HostSpec> hosts) {
        return hosts.stream().map(h -> h.withMode(io.openfdm.core.model.HostMode.NORMAL)).toList();
    }

    /** The cluster key as bytes. */
    public byte[] key() {
        byte[] out = new byte[keyHex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(keyHex.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    /**
     * Checks every field.
     *
     * @throws ConfigException naming the first field (as a JSON path under {@code cluster}) that
     *                         breaks a rule, and the rule
     */
    public ClusterConfig validate() {
        if (clusterId == null || !CLUSTER_ID.matcher(clusterId).matches()) {
            throw new ConfigException("cluster.clusterId", "must be 1-128 characters of [A-Za-z0-9._-]");
        }
        if (version < 1) {
            throw new ConfigException("cluster.version", "must be >= 1");
        }
        if (keyHex == null || !HEX.matcher(keyHex).matches()) {
            throw new ConfigException("cluster.keyHex", "must be at least 64 hex digits (a 32-byte HMAC-SHA256 key)");
        }
        if (hosts.isEmpty()) {
            throw new ConfigException("cluster.hosts", "must list at least one host");
        }
        Set<String> dsNames = new HashSet<>();
        for (int i = 0; i < datastores.size(); i++) {
            DatastoreSpec ds = datastores.get(i);
            String at = "cluster.datastores[" + i + "]";
            if (ds.name() == null || ds.name().isBlank() || ds.name().contains("/")) {
                throw new ConfigException(at + ".name", "must be a non-empty name without '/'");
            }
            if (ds.path() == null || ds.path().isBlank()) {
                throw new ConfigException(at + ".path", "must be a directory path");
            }
            if (!dsNames.add(ds.name())) {
                throw new ConfigException(at + ".name", "duplicate datastore name " + ds.name());
            }
        }
        Set<HostId> ids = new HashSet<>();
        Set<String> endpoints = new HashSet<>();
        for (int i = 0; i < hosts.size(); i++) {
            HostSpec h = hosts.get(i);
            String at = "cluster.hosts[" + i + "]";
            if (h.id() == null) {
                throw new ConfigException(at + ".moid", "is required");
            }
            if (!ids.add(h.id())) {
                throw new ConfigException(at + ".moid", "duplicate host MOID " + h.id());
            }
            if (h.address() == null || h.address().isBlank()) {
                throw new ConfigException(at + ".address", "is required (an IP address)");
            }
            if (h.port() < 1 || h.port() > 65535) {
                throw new ConfigException(at + ".port", "must be 1-65535, was " + h.port());
            }
            if (!endpoints.add(h.address() + ":" + h.port())) {
                throw new ConfigException(at + ".address", "address:port " + h.address() + ":" + h.port() + " is used by another host");
            }
            if (h.cpuMhz() < 0 || h.memoryMb() < 0) {
                throw new ConfigException(at + (h.cpuMhz() < 0 ? ".cpuMhz" : ".memoryMb"), "must be >= 0");
            }
            for (int d = 0; d < h.datastores().size(); d++) {
                if (!dsNames.contains(h.datastores().get(d))) {
                    throw new ConfigException(at + ".datastores[" + d + "]", "names unknown datastore " + h.datastores().get(d));
                }
            }
        }
        if (heartbeatDatastoresPerHost < 1 || heartbeatDatastoresPerHost > 5) {
            throw new ConfigException("cluster.heartbeatDatastoresPerHost", "must be 1-5 (FDM: das.heartbeatDsPerHost)");
        }
        if (timing == null) {
            throw new ConfigException("cluster.timing", "is required");
        }
        timing.validate("cluster.timing");
        haPolicy.validate("cluster.ha");
        heartbeatDatastores.validate("cluster.heartbeatDatastores", dsNames);
        Map<VmId, io.openfdm.core.model.RestartPriority> priorities = new java.util.HashMap<>();
        for (VmOverride o : vmOverrides) {
            if (o.priority() != null) {
                priorities.put(o.vm(), o.priority());
            }
        }
        restartPolicy.validate("cluster.restart", priorities, ids);
        for (int i = 0; i < vmOverrides.size(); i++) {
            if (vmOverrides.get(i).vmMonitoring() != null) {
                vmOverrides.get(i).vmMonitoring().validate("cluster.vmOverrides[" + i + "].vmMonitoring");
            }
        }
        if (haPolicy.admissionControlPolicy() != null) {
            haPolicy.admissionControlPolicy().validate("cluster.ha.admissionControlPolicy", ids);
        }
        return this;
    }
}
