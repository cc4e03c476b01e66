package io.openfdm.agent.config;

import io.openfdm.agent.config.ClusterFile.AdmissionControlEntry;
import io.openfdm.agent.config.ClusterFile.DatastoreEntry;
import io.openfdm.agent.config.ClusterFile.HaEntry;
import io.openfdm.agent.config.ClusterFile.HeartbeatDatastoresEntry;
import io.openfdm.agent.config.ClusterFile.HostEntry;
import io.openfdm.agent.config.ClusterFile.IsolationEntry;
import io.openfdm.agent.config.ClusterFile.DependencyEntry;
import io.openfdm.agent.config.ClusterFile.RestartEntry;
import io.openfdm.agent.config.ClusterFile.VmHostRuleEntry;
import io.openfdm.agent.config.ClusterFile.VmVmRuleEntry;
import io.openfdm.agent.config.ClusterFile.TimingFile;
import io.openfdm.agent.config.ClusterFile.VmOverrideEntry;
import io.openfdm.core.config.AdmissionControlPolicy;
import io.openfdm.core.config.ClusterConfig;
import io.openfdm.core.config.ConfigException;
import io.openfdm.core.config.DatastoreSpec;
import io.openfdm.core.config.HaPolicy;
import io.openfdm.core.config.HeartbeatDatastorePolicy;
import io.openfdm.core.config.HostSpec;
import io.openfdm.core.config.IsolationPolicy;
import io.openfdm.core.config.IsolationResponse;
import io.openfdm.core.config.DependencyRule;
import io.openfdm.core.config.ReadyCondition;
import io.openfdm.core.config.RestartPolicy;
import io.openfdm.core.config.VmHostRule;
import io.openfdm.core.config.VmVmRule;
import io.openfdm.core.config.Timing;
import io.openfdm.core.config.VmOverride;
import io.openfdm.core.config.VmMonitoringPolicy;
import io.openfdm.core.model.HostId;
import io.openfdm.core.model.HostMode;
import io.openfdm.core.model.RestartClass;
import io.openfdm.core.model.RestartPriority;
import io.openfdm.core.model.VmId;
import io.openfdm.hostd.vsphere.DatastoreUrls;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Reads and writes {@code cluster.json}, the cluster configuration every agent shares:
 * <pre>
 * {"clusterId": "c1", "version": 1, "keyHex": "&lt;64+ hex digits&gt;",
 *  "heartbeatDatastoresPerHost": 2,            // optional, default 2 (FDM das.heartbeatDsPerHost)
 *  "heartbeatDatastores": {"candidatePolicy": "allFeasibleDsWithUserPreference",  // optional, default
 *                          "datastores": ["ds-2"]},           // "allFeasibleDs" (automatic), no datastores
 *  "timingProfile": "default",                 // optional: "default" or "aggressive"
 *  "timing": {"hostFailureTimeoutMs": 3000},   // optional: any Timing fields, over the profile
 *  "datastores": [{"name": "ds-1", "path": "/x/datastores/ds-1"}],
 *  "hosts": [{"moid": "host-1", "address": "127.0.0.11", "port": 8182,   // port optional, 8182
 *             "datastores": ["ds-1", "ds-2"],
 *             "cpuMhz": 20000, "memoryMb": 65536}],                      // optional, 100000 / 262144
 *  "ha": {"hostMonitoring": true,               // optional, and each field: vSphere's defaults
 *         "isolationResponse": "none",         // "none", "powerOff" or "shutdown"
 *         "admissionControl": true,
 *         "isolation": {"isolationAddresses": ["10.0.0.1"],   // optional, at most 10 (das.isolationaddressN)
 *                       "useDefaultIsolationAddress": true,   // ping the default gateway too
 *                       "policyDelayMs": 30000,               // >= 30000 (das.config.fdm.isolationPolicyDelaySec)
 *                       "shutdownTimeoutMs": 300000},         // das.isolationShutdownTimeout
 *         "vmMonitoring": {"state": "vmMonitoringOnly",   // or "vmMonitoringDisabled" (default)
 *                          "sensitivity": "high",         // high, medium, low; default high
 *                          "failureIntervalMs": 30000, "minUptimeMs": 120000,  // optional custom
 *                          "maxResets": 3, "resetWindowMs": 3600000},           // values
 *         "admissionControlPolicy": {"policy": "slotPolicy",   // optional: slotPolicy, resourcePercentage,
 *             "hostFailuresToTolerate": 1,                     //   failoverHosts or disabled; N, default 1
 *             "slotCpuMhz": 500, "slotMemoryMb": 1024,         // slotPolicy: fixed slot (default: largest)
 *             "cpuFailoverPercent": 25, "memoryFailoverPercent": 25,  // resourcePercentage (default: from N)
 *             "failoverHosts": ["host-4"]}},                   // failoverHosts
 *  "vmOverrides": [{"vm": "vm-3", "protect": true, "priority": "high",   // protect optional, true
 *                   "isolationResponse": "powerOff",                     // optional, the cluster's
 *                   "restartClass": "agentVm"}],     // optional: agentVm, ftSecondary, ordinary (default)
 *  "restart": {"attemptScheduleMs": [0, 120000, 360000, 840000, 1800000], // optional, each field
 *              "readyCondition": "poweredOn",  // "none" (default), "poweredOn", "guestHeartbeat"
 *              "postReadyDelayMs": 5000, "readyTimeoutMs": 600000,
 *              "dependencies": [{"vm": "vm-4", "dependsOn": "vm-3"}],
 *              "vmVmRules": [{"name": "db-apart", "type": "antiAffinity", "vms": ["vm-1", "vm-2"]}],
 *              "vmHostRules": [{"name": "lic", "type": "must", "vms": ["vm-5"], "hosts": ["host-1"]}]}}
 * </pre>
 * Without {@code restart.attemptScheduleMs} the schedule is the one the older
 * {@code timing.restartBackoffMs} (doubling) and {@code timing.restartMaxAttempts} give: VMware's
 * T0, T2m, T6m, T14m, T30m for the default profile, 0, 0.5, 1.5, 3.5, 7.5 s for "aggressive".
 * A relative datastore path is resolved against the file's directory. A datastore {@code path} may
 * also be the datastore's URL as vSphere reports it ({@code ds:///vmfs/volumes/...}, kept as it
 * is); each agent turns it into its local directory (see {@code DatastoreUrls}). Every error is a
 * {@link ConfigException} naming the JSON path ({@code cluster.hosts[1].port}) and the rule, with
 * the file in the rule's text; the CLI prints it and exits 2.
 */
public final class ClusterConfigFiles {
    /** FDM's agent port. */
    public static final int DEFAULT_PORT = 8182;
    public static final int DEFAULT_HEARTBEAT_DATASTORES = 2;
    public static final int DEFAULT_CPU_MHZ = 100_000;
    public static final int DEFAULT_MEMORY_MB = 262_144;

    private ClusterConfigFiles() {
    }

    /**
     * Reads and validates a cluster configuration file.
     *
     * @throws ConfigException if the file is missing, unreadable, not JSON, or breaks a rule
     */
    public static ClusterConfig read(Path file) {
        ClusterFile f = JsonFiles.read(file, ClusterFile.class, "cluster");
        try {
            return toConfig(f, file.toAbsolutePath().getParent()).validate();
        } catch (ConfigException e) {
            if (e.rule().endsWith("(in " + file + ")")) {
                throw e;
            }
            throw new ConfigException(e.field(), e.rule() + " (in " + file + ")");
        }
    }

    /**
     * Parses and validates a configuration in the format of {@code cluster.json} that did not come
     * from a file (the bridge's push, {@code PUT /cluster-config}).
     *
     * @param json    the document, UTF-8
     * @param baseDir relative datastore paths resolve against it
     * @param source  names the document in error messages, e.g. {@code pushed configuration}
     * @throws ConfigException naming the field and rule, or the line and column of malformed JSON
     */
    public static ClusterConfig parse(byte[] json, Path baseDir, String source) {
        ClusterFile f = JsonFiles.parse(json, ClusterFile.class, "cluster", source);
        try {
            return toConfig(f, baseDir).validate();
        } catch (ConfigException e) {
            if (e.rule().endsWith("(in " + source + ")")) {
                throw e;
            }
            throw new ConfigException(e.field(), e.rule() + " (in " + source + ")");
        }
    }

    /** The configuration as the JSON document {@link #write} puts in {@code cluster.json}. */
    public static byte[] toJson(ClusterConfig config) {
        return JsonFiles.toBytes(toFile(config));
    }

    /**
     * Writes a configuration in the format {@link #read} takes, atomically (temporary file and
     * rename). Timers are written as the nearest profile plus the fields that differ from it.
     *
     * @throws java.io.UncheckedIOException if the file cannot be written
     */
    public static void write(Path file, ClusterConfig config) {
        JsonFiles.write(file, toFile(config));
    }

    private static ClusterConfig toConfig(ClusterFile f, Path baseDir) {
        if (f.version() == null) {
            throw new ConfigException("cluster.version", "is required");
        }
        List<DatastoreSpec> datastores = new ArrayList<>();
        List<DatastoreEntry> dsEntries = orEmpty(f.datastores());
        for (int i = 0; i < dsEntries.size(); i++) {
            DatastoreEntry d = dsEntries.get(i);
            if (d == null) {
                throw new ConfigException("cluster.datastores[" + i + "]", "must be an object with name and path");
            }
            String path = d.path() == null || d.path().isBlank() || DatastoreUrls.isUrl(d.path()) ? d.path()
                    : baseDir.resolve(d.path()).normalize().toString();
            datastores.add(new DatastoreSpec(d.name(), path));
        }
        List<HostSpec> hosts = new ArrayList<>();
        List<HostEntry> hostEntries = orEmpty(f.hosts());
        for (int i = 0; i < hostEntries.size(); i++) {
            hosts.add(toHost(hostEntries.get(i), "cluster.hosts[" + i + "]"));
        }
        List<VmOverride> overrides = new ArrayList<>();
        List<VmOverrideEntry> overrideEntries = orEmpty(f.vmOverrides());
        for (int i = 0; i < overrideEntries.size(); i++) {
            overrides.add(toOverride(overrideEntries.get(i), "cluster.vmOverrides[" + i + "]"));
        }
        int hbDatastores = f.heartbeatDatastoresPerHost() == null ? DEFAULT_HEARTBEAT_DATASTORES : f.heartbeatDatastoresPerHost();
        Timing timing = applyOverrides(profile(f.timingProfile()), f.timing());
        return new ClusterConfig(f.clusterId(), f.version(), f.keyHex(), hosts, datastores, overrides, hbDatastores, timing,
                toPolicy(f.ha()), toHeartbeatDatastores(f.heartbeatDatastores()),
                toRestartPolicy(f.restart(), ClusterConfig.legacyRestartPolicy(timing)));
    }

    private static HeartbeatDatastorePolicy toHeartbeatDatastores(HeartbeatDatastoresEntry e) {
        if (e == null) {
            return HeartbeatDatastorePolicy.defaults();
        }
        String at = "cluster.heartbeatDatastores";
        HeartbeatDatastorePolicy.CandidatePolicy policy = e.candidatePolicy() == null
                ? HeartbeatDatastorePolicy.defaults().candidatePolicy()
                : HeartbeatDatastorePolicy.CandidatePolicy.fromWireName(e.candidatePolicy()).orElseThrow(() ->
                        new ConfigException(at + ".candidatePolicy", "must be one of "
                                + HeartbeatDatastorePolicy.CandidatePolicy.wireNames() + " (vSphere's names), was \""
                                + e.candidatePolicy() + "\""));
        List<String> names = orEmpty(e.datastores());
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i) == null) {
                throw new ConfigException(at + ".datastores[" + i + "]", "must be a datastore name");
            }
        }
        return new HeartbeatDatastorePolicy(policy, names);
    }

    private static RestartPolicy toRestartPolicy(RestartEntry r, RestartPolicy base) {
        if (r == null) {
            return base;
        }
        String at = "cluster.restart";
        ReadyCondition condition = base.readyCondition();
        if (r.readyCondition() != null) {
            condition = ReadyCondition.fromWireName(r.readyCondition()).orElseThrow(() -> new ConfigException(
                    at + ".readyCondition", "must be one of " + ReadyCondition.wireNames() + ", was \"" + r.readyCondition() + "\""));
        }
        List<DependencyRule> deps = new ArrayList<>();
        List<DependencyEntry> depEntries = orEmpty(r.dependencies());
        for (int i = 0; i < depEntries.size(); i++) {
            DependencyEntry d = depEntries.get(i);
            String dat = at + ".dependencies[" + i + "]";
            deps.add(new DependencyRule(vmId(d == null ? null : d.vm(), dat + ".vm"),
                    vmId(d == null ? null : d.dependsOn(), dat + ".dependsOn")));
        }
        List<VmVmRule> vmVm = new ArrayList<>();
        List<VmVmRuleEntry> vmVmEntries = orEmpty(r.vmVmRules());
        for (int i = 0; i < vmVmEntries.size(); i++) {
            VmVmRuleEntry e = vmVmEntries.get(i);
            String rat = at + ".vmVmRules[" + i + "]";
            if (e == null || e.type() == null || !(e.type().equals("affinity") || e.type().equals("antiAffinity"))) {
                throw new ConfigException(rat + ".type", "must be \"affinity\" or \"antiAffinity\", was "
                        + (e == null ? null : "\"" + e.type() + "\""));
            }
            vmVm.add(new VmVmRule(e.name(), e.type().equals("affinity"), vmIds(e.vms(), rat + ".vms")));
        }
        List<VmHostRule> vmHost = new ArrayList<>();
        List<VmHostRuleEntry> vmHostEntries = orEmpty(r.vmHostRules());
        for (int i = 0; i < vmHostEntries.size(); i++) {
            VmHostRuleEntry e = vmHostEntries.get(i);
            String rat = at + ".vmHostRules[" + i + "]";
            if (e == null || e.type() == null || !(e.type().equals("must") || e.type().equals("should"))) {
                throw new ConfigException(rat + ".type", "must be \"must\" or \"should\", was "
                        + (e == null ? null : "\"" + e.type() + "\""));
            }
            List<HostId> hosts = new ArrayList<>();
            List<String> hostNames = orEmpty(e.hosts());
            for (int h = 0; h < hostNames.size(); h++) {
                if (hostNames.get(h) == null || hostNames.get(h).isBlank()) {
                    throw new ConfigException(rat + ".hosts[" + h + "]", "must be a host MOID");
                }
                hosts.add(HostId.of(hostNames.get(h)));
            }
            vmHost.add(new VmHostRule(e.name(), e.type().equals("must"), vmIds(e.vms(), rat + ".vms"), hosts));
        }
        return new RestartPolicy(r.attemptScheduleMs() == null ? base.attemptScheduleMs() : r.attemptScheduleMs(),
                condition, r.postReadyDelayMs() == null ? base.postReadyDelayMs() : r.postReadyDelayMs(),
                r.readyTimeoutMs() == null ? base.readyTimeoutMs() : r.readyTimeoutMs(), deps, vmVm, vmHost);
    }

    private static VmId vmId(String moid, String at) {
        if (moid == null || moid.isBlank()) {
            throw new ConfigException(at, "is required (a VM MOID, e.g. vm-3)");
        }
        return VmId.of(moid);
    }

    private static List<VmId> vmIds(List<String> moids, String at) {
        List<VmId> out = new ArrayList<>();
        List<String> list = orEmpty(moids);
        for (int i = 0; i < list.size(); i++) {
            out.add(vmId(list.get(i), at + "[" + i + "]"));
        }
        return out;
    }

    private static RestartEntry toRestartEntry(ClusterConfig c) {
        RestartPolicy p = c.restartPolicy();
        RestartPolicy base = ClusterConfig.legacyRestartPolicy(c.timing());
        if (p.equals(base)) {
            return null;
        }
        return new RestartEntry(p.attemptScheduleMs().equals(base.attemptScheduleMs()) ? null : p.attemptScheduleMs(),
                p.readyCondition() == base.readyCondition() ? null : p.readyCondition().wireName(),
                p.postReadyDelayMs() == base.postReadyDelayMs() ? null : p.postReadyDelayMs(),
                p.readyTimeoutMs() == base.readyTimeoutMs() ? null : p.readyTimeoutMs(),
                p.dependencies().isEmpty() ? null : p.dependencies().stream()
                        .map(d -> new DependencyEntry(d.vm().moid(), d.dependsOn().moid())).toList(),
                p.vmVmRules().isEmpty() ? null : p.vmVmRules().stream().map(r -> new VmVmRuleEntry(r.name(),
                        r.affinity() ? "affinity" : "antiAffinity", r.vms().stream().map(VmId::moid).toList())).toList(),
                p.vmHostRules().isEmpty() ? null : p.vmHostRules().stream().map(r -> new VmHostRuleEntry(r.name(),
                        r.mandatory() ? "must" : "should", r.vms().stream().map(VmId::moid).toList(),
                        r.hosts().stream().map(HostId::moid).toList())).toList());
    }

    private static HaPolicy toPolicy(HaEntry ha) {
        HaPolicy d = HaPolicy.defaults();
        if (ha == null) {
            return d;
        }
        IsolationResponse response = ha.isolationResponse() == null ? d.isolationResponse()
                : isolationResponse(ha.isolationResponse(), "cluster.ha.isolationResponse");
        return new HaPolicy(ha.hostMonitoring() == null ? d.hostMonitoring() : ha.hostMonitoring(), response,
                ha.admissionControl() == null ? d.admissionControl() : ha.admissionControl(), toIsolation(ha.isolation()),
                VmMonitoringEntries.toPolicy(ha.vmMonitoring(), "cluster.ha.vmMonitoring"),
                toAdmissionPolicy(ha.admissionControlPolicy(), "cluster.ha.admissionControlPolicy"));
    }

    private static IsolationPolicy toIsolation(IsolationEntry e) {
        IsolationPolicy d = IsolationPolicy.defaults();
        if (e == null) {
            return d;
        }
        List<String> addresses = orEmpty(e.isolationAddresses());
        for (int i = 0; i < addresses.size(); i++) {
            if (addresses.get(i) == null) {
                throw new ConfigException("cluster.ha.isolation.isolationAddresses[" + i + "]", "must be an IP address or host name");
            }
        }
        return new IsolationPolicy(addresses,
                e.useDefaultIsolationAddress() == null ? d.useDefaultIsolationAddress() : e.useDefaultIsolationAddress(),
                e.policyDelayMs() == null ? d.policyDelayMs() : e.policyDelayMs(),
                e.shutdownTimeoutMs() == null ? d.shutdownTimeoutMs() : e.shutdownTimeoutMs());
    }

    private static IsolationEntry toIsolationEntry(IsolationPolicy p) {
        if (p.equals(IsolationPolicy.defaults())) {
            return null;
        }
        return new IsolationEntry(p.isolationAddresses().isEmpty() ? null : p.isolationAddresses(),
                p.useDefaultIsolationAddress(), p.policyDelayMs(), p.shutdownTimeoutMs());
    }

    /** Null stays null (no policy written); the rules are checked by {@link ClusterConfig#validate()}. */
    private static AdmissionControlPolicy toAdmissionPolicy(AdmissionControlEntry a, String at) {
        if (a == null) {
            return null;
        }
        if (a.policy() == null) {
            throw new ConfigException(at + ".policy", "is required, one of " + AdmissionControlPolicy.Kind.wireNames());
        }
        AdmissionControlPolicy.Kind kind = AdmissionControlPolicy.Kind.fromWireName(a.policy()).orElseThrow(() ->
                new ConfigException(at + ".policy", "must be one of " + AdmissionControlPolicy.Kind.wireNames()
                        + ", was \"" + a.policy() + "\""));
        List<String> failover = orEmpty(a.failoverHosts());
        List<HostId> hosts = new ArrayList<>();
        for (int i = 0; i < failover.size(); i++) {
            if (failover.get(i) == null || failover.get(i).isBlank()) {
                throw new ConfigException(at + ".failoverHosts[" + i + "]", "must be a host MOID");
            }
            hosts.add(HostId.of(failover.get(i)));
        }
        int n = a.hostFailuresToTolerate() == null ? (kind == AdmissionControlPolicy.Kind.DISABLED ? 0 : 1)
                : a.hostFailuresToTolerate();
        return new AdmissionControlPolicy(kind, n, a.slotCpuMhz() == null ? 0 : a.slotCpuMhz(),
                a.slotMemoryMb() == null ? 0 : a.slotMemoryMb(), a.cpuFailoverPercent(), a.memoryFailoverPercent(), hosts);
    }

    private static AdmissionControlEntry toAdmissionEntry(AdmissionControlPolicy p) {
        if (p == null) {
            return null;
        }
        boolean slots = p.policy() == AdmissionControlPolicy.Kind.SLOT_POLICY;
        return new AdmissionControlEntry(p.policy().wireName(),
                p.policy() == AdmissionControlPolicy.Kind.DISABLED ? null : p.hostFailuresToTolerate(),
                slots && p.slotCpuMhz() > 0 ? p.slotCpuMhz() : null, slots && p.slotMemoryMb() > 0 ? p.slotMemoryMb() : null,
                p.cpuFailoverPercent(), p.memoryFailoverPercent(),
                p.failoverHosts().isEmpty() ? null : p.failoverHosts().stream().map(HostId::moid).toList());
    }

    private static IsolationResponse isolationResponse(String name, String at) {
        return IsolationResponse.fromWireName(name).orElseThrow(() -> new ConfigException(at,
                "must be one of " + IsolationResponse.wireNames() + " (vSphere's names), was \"" + name + "\""));
    }

    private static HostSpec toHost(HostEntry h, String at) {
        if (h == null) {
            throw new ConfigException(at, "must be an object with moid and address");
        }
        if (h.moid() == null || h.moid().isBlank()) {
            throw new ConfigException(at + ".moid", "is required (the host's MOID, e.g. host-1)");
        }
        if (h.address() != null && !h.address().isBlank() && IpLiterals.parse(h.address()).isEmpty()) {
            throw new ConfigException(at + ".address", "must be an IP address literal (no host names), was " + h.address());
        }
        List<String> ds = orEmpty(h.datastores());
        for (int d = 0; d < ds.size(); d++) {
            if (ds.get(d) == null) {
                throw new ConfigException(at + ".datastores[" + d + "]", "must be a datastore name");
            }
        }
        HostMode mode = h.mode() == null ? HostMode.NORMAL : HostMode.fromDisplayName(h.mode())
                .filter(m -> m.displayName().equals(h.mode())).orElseThrow(() -> new ConfigException(at + ".mode",
                        "must be one of " + HostMode.displayNames() + ", was \"" + h.mode() + "\""));
        return new HostSpec(HostId.of(h.moid()), h.address(), h.port() == null ? DEFAULT_PORT : h.port(), ds,
                h.cpuMhz() == null ? DEFAULT_CPU_MHZ : h.cpuMhz(), h.memoryMb() == null ? DEFAULT_MEMORY_MB : h.memoryMb(),
                mode);
    }

    private static VmOverride toOverride(VmOverrideEntry o, String at) {
        if (o == null) {
            throw new ConfigException(at, "must be an object with vm, protect and priority");
        }
        if (o.vm() == null || o.vm().isBlank()) {
            throw new ConfigException(at + ".vm", "is required (the VM's MOID, e.g. vm-3)");
        }
        RestartPriority priority = null;
        if (o.priority() != null) {
            try {
                priority = RestartPriority.parse(o.priority());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(at + ".priority", "must be one of " + Arrays.stream(RestartPriority.values())
                        .map(p -> p.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")) + ", was " + o.priority());
            }
        }
        IsolationResponse response = o.isolationResponse() == null ? null
                : isolationResponse(o.isolationResponse(), at + ".isolationResponse");
        VmMonitoringPolicy monitoring = o.vmMonitoring() == null ? null
                : VmMonitoringEntries.toPolicy(o.vmMonitoring(), at + ".vmMonitoring");
        RestartClass restartClass = o.restartClass() == null ? RestartClass.ORDINARY
                : RestartClass.fromWireName(o.restartClass()).orElseThrow(() -> new ConfigException(at + ".restartClass",
                        "must be one of " + RestartClass.wireNames() + ", exactly so, was \"" + o.restartClass() + "\""));
        return new VmOverride(VmId.of(o.vm()), o.protect() == null || o.protect(), priority, response, monitoring,
                restartClass);
    }

    private static Timing profile(String name) {
        if (name == null || name.equals("default")) {
            return Timing.defaults();
        }
        if (name.equals("aggressive")) {
            return Timing.aggressive();
        }
        throw new ConfigException("cluster.timingProfile", "must be \"default\" or \"aggressive\", was \"" + name + "\"");
    }

    private static Timing applyOverrides(Timing b, TimingFile o) {
        if (o == null) {
            return b;
        }
        return new Timing(
                pick(o.tickIntervalMs(), b.tickIntervalMs()),
                pick(o.heartbeatIntervalMs(), b.heartbeatIntervalMs()),
                pick(o.hostFailureTimeoutMs(), b.hostFailureTimeoutMs()),
                pick(o.masterFailureTimeoutMs(), b.masterFailureTimeoutMs()),
                pick(o.electionWindowMs(), b.electionWindowMs()),
                pick(o.electionClaimIntervalMs(), b.electionClaimIntervalMs()),
                pick(o.datastoreHeartbeatIntervalMs(), b.datastoreHeartbeatIntervalMs()),
                pick(o.datastoreHeartbeatTimeoutMs(), b.datastoreHeartbeatTimeoutMs()),
                pick(o.leaseRenewIntervalMs(), b.leaseRenewIntervalMs()),
                pick(o.leaseStandDownMs(), b.leaseStandDownMs()),
                pick(o.leaseTimeoutMs(), b.leaseTimeoutMs()),
                pick(o.leaseClaimSettleMs(), b.leaseClaimSettleMs()),
                pick(o.powerOnTimeoutMs(), b.powerOnTimeoutMs()),
                pick(o.restartBackoffMs(), b.restartBackoffMs()),
                o.restartMaxAttempts() == null ? b.restartMaxAttempts() : o.restartMaxAttempts(),
                o.maxConcurrentPowerOnsPerHost() == null ? b.maxConcurrentPowerOnsPerHost() : o.maxConcurrentPowerOnsPerHost());
    }

    private static long pick(Long override, long base) {
        return override == null ? base : override;
    }

    private static ClusterFile toFile(ClusterConfig c) {
        Timing t = c.timing();
        boolean aggressive = t.equals(Timing.aggressive());
        Timing base = aggressive ? Timing.aggressive() : Timing.defaults();
        TimingFile diff = t.equals(base) ? null : new TimingFile(
                differs(t.tickIntervalMs(), base.tickIntervalMs()),
                differs(t.heartbeatIntervalMs(), base.heartbeatIntervalMs()),
                differs(t.hostFailureTimeoutMs(), base.hostFailureTimeoutMs()),
                differs(t.masterFailureTimeoutMs(), base.masterFailureTimeoutMs()),
                differs(t.electionWindowMs(), base.electionWindowMs()),
                differs(t.electionClaimIntervalMs(), base.electionClaimIntervalMs()),
                differs(t.datastoreHeartbeatIntervalMs(), base.datastoreHeartbeatIntervalMs()),
                differs(t.datastoreHeartbeatTimeoutMs(), base.datastoreHeartbeatTimeoutMs()),
                differs(t.leaseRenewIntervalMs(), base.leaseRenewIntervalMs()),
                differs(t.leaseStandDownMs(), base.leaseStandDownMs()),
                differs(t.leaseTimeoutMs(), base.leaseTimeoutMs()),
                differs(t.leaseClaimSettleMs(), base.leaseClaimSettleMs()),
                differs(t.powerOnTimeoutMs(), base.powerOnTimeoutMs()),
                differs(t.restartBackoffMs(), base.restartBackoffMs()),
                t.restartMaxAttempts() == base.restartMaxAttempts() ? null : t.restartMaxAttempts(),
                t.maxConcurrentPowerOnsPerHost() == base.maxConcurrentPowerOnsPerHost() ? null : t.maxConcurrentPowerOnsPerHost());
        return new ClusterFile(c.clusterId(), c.version(), c.keyHex(), c.heartbeatDatastoresPerHost(),
                aggressive ? "aggressive" : "default", diff,
                c.datastores().stream().map(d -> new DatastoreEntry(d.name(), d.path())).toList(),
                c.hosts().stream().map(h -> new HostEntry(h.id().moid(), h.address(), h.port(), h.datastores(), h.cpuMhz(),
                        h.memoryMb(), h.mode().inService() ? null : h.mode().displayName())).toList(),
                c.vmOverrides().stream().map(o -> new VmOverrideEntry(o.vm().moid(), o.protect(),
                        o.priority() == null ? null : o.priority().name().toLowerCase(Locale.ROOT),
                        o.isolationResponse() == null ? null : o.isolationResponse().wireName(),
                        o.vmMonitoring() == null ? null : VmMonitoringEntries.toOverrideEntry(o.vmMonitoring()),
                        o.restartClass() == RestartClass.ORDINARY ? null : o.restartClass().wireName())).toList(),
                new HaEntry(c.haPolicy().hostMonitoring(), c.haPolicy().isolationResponse().wireName(),
                        c.haPolicy().admissionControl(), toIsolationEntry(c.haPolicy().isolation()),
                        VmMonitoringEntries.toEntry(c.haPolicy().vmMonitoring()),
                        toAdmissionEntry(c.haPolicy().admissionControlPolicy())),
                c.heartbeatDatastores().equals(HeartbeatDatastorePolicy.defaults()) ? null
                        : new HeartbeatDatastoresEntry(c.heartbeatDatastores().candidatePolicy().wireName(),
                                c.heartbeatDatastores().datastores()),
                toRestartEntry(c));
    }

    private static Long differs(long value, long base) {
        return value == base ? null : value;
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
