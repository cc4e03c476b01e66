package io.openfdm.sim.scenario;

import io.openfdm.core.config.AdmissionControlPolicy;
import io.openfdm.core.config.ClusterConfig;
import io.openfdm.core.config.ConfigException;
import io.openfdm.core.config.HaPolicy;
import io.openfdm.core.config.IsolationPolicy;
import io.openfdm.core.config.IsolationResponse;
import io.openfdm.core.config.Timing;
import io.openfdm.core.config.VmMonitoringPolicy;
import io.openfdm.core.config.VmOverride;
import io.openfdm.core.model.HostId;
import io.openfdm.core.model.RestartClass;
import io.openfdm.core.model.RestartPriority;
import io.openfdm.core.model.VmId;
import io.openfdm.sim.scenario.ClusterDescription.HostDescription;
import io.openfdm.sim.scenario.ClusterDescription.VmDescription;
import io.openfdm.sim.scenario.LineReader.Line;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Parses a scenario's {@code cluster} file. Lines (any order, {@code #} comments):
 * <pre>
 * cluster-id c1                         (optional, default c1)
 * seed 42                               (optional, default 1)
 * timing default|aggressive             (optional, default default)
 * vm-monitoring high|medium|low [failure-interval S] [min-uptime S] [max-resets N] [window S]
 *                                       (optional, default disabled; custom values in seconds)
 * datastore ds-1
 * host host-1 datastores ds-1,ds-2 cpu 20000 mem 65536
 * vm vm-1 on host-1 ds ds-1 cpu 500 mem 1024 priority high
 * isolation response powerOff delay 30 shutdown-timeout 300 gateway on addresses 10.9.0.1,10.9.0.2
 *                                       (optional; every pair after "isolation" is optional:
 *                                       response none|powerOff|shutdown, seconds, gateway on|off,
 *                                       addresses a,b or -)
 * isolation vm vm-2 response none       (optional: one VM's isolation response)
 * vm-monitoring vm vm-2 disabled        (optional: one VM's own VM monitoring, after its vm line;
 *                                       also vm-monitoring vm vm-2 high|medium|low [settings])
 * restart-class vm-3 agentVm            (optional: agentVm|ftSecondary|ordinary, the VM's
 *                                       vmOverrides[].restartClass; agent VMs restart first)
 * restart-schedule 0,5,15               (optional: attempt times in seconds after the first)
 * readiness poweredOn delay 2 timeout 600   (optional: none|poweredOn|guestHeartbeat, seconds)
 * depends vm-2 on vm-1                  (optional, repeatable: dependency rule)
 * anti-affinity apart vm-1,vm-2         (optional, repeatable; also affinity NAME VMS)
 * vm-host lic must vm-1 hosts host-2    (optional, repeatable: must|should)
 * admission-control slotPolicy failures 1 [slot-cpu 500] [slot-mem 1024]     (optional; or:)
 * admission-control resourcePercentage failures 1 [cpu-percent 25] [mem-percent 25]
 * admission-control failoverHosts failures 1 hosts host-4[,host-5]
 * admission-control disabled
 * </pre>
 * Any of the last five lines gives the cluster a restart policy (the others keep their defaults);
 * without them the timing's default schedule applies.
 * A host with no datastores writes {@code datastores -}. Names must be declared before use.
 */
public final class ClusterParser {
    static final String FILE = "cluster";

    private ClusterParser() {
    }

    /** @throws ScenarioSyntaxException naming the first bad line */
    public static ClusterDescription parse(String text) {
        String clusterId = "c1";
        long seed = 1;
        String timing = "default";
        Set<String> datastores = new LinkedHashSet<>();
        List<HostDescription> hosts = new ArrayList<>();
        Set<HostId> hostIds = new HashSet<>();
        List<VmDescription> vms = new ArrayList<>();
        Set<VmId> vmIds = new HashSet<>();
        HaPolicy policy = HaPolicy.defaults();
        List<VmOverride> overrides = new ArrayList<>();
        VmMonitoringPolicy vmMonitoring = VmMonitoringPolicy.disabled();
        RestartLines restart = new RestartLines();
        AdmissionControlPolicy admission = null;
        Line admissionLine = null;
        for (Line line : LineReader.read(text)) {
            if (restart.accept(line, hostIds, vmIds)) {
                continue;
            }
            String keyword = line.word(0);
            switch (keyword) {
                case "cluster-id" -> {
                    expectWords(line, 2, "cluster-id <id>");
                    clusterId = line.word(1);
                }
                case "seed" -> {
                    expectWords(line, 2, "seed <integer>");
                    seed = parseLong(line, line.word(1), "seed");
                }
                case "timing" -> {
                    expectWords(line, 2, "timing default|aggressive");
                    timing = line.word(1);
                    if (!timing.equals("default") && !timing.equals("aggressive")) {
                        throw error(line, "timing must be 'default' or 'aggressive', was '" + timing + "'");
                    }
                }
                case "vm-monitoring" -> {
                    if (line.size() > 1 && line.word(1).equals("vm")) {
                        VmOverrides.put(overrides, vmMonitoringOverride(line, vmIds));
                    } else {
                        vmMonitoring = vmMonitoring(line);
                    }
                }
                case "datastore" -> {
                    expectWords(line, 2, "datastore <name>");
                    if (!datastores.add(line.word(1))) {
                        throw error(line, "datastore " + line.word(1) + " declared twice");
                    }
                }
                case "host" -> {
                    expectShape(line, "host <moid> datastores <a,b|-> cpu <MHz> mem <MiB>",
                            null, "datastores", null, "cpu", null, "mem", null);
                    HostId id = HostId.of(line.word(1));
                    if (!hostIds.add(id)) {
                        throw error(line, "host " + id + " declared twice");
                    }
                    List<String> ds = line.word(3).equals("-") ? List.of() : List.of(line.word(3).split(","));
                    for (String d : ds) {
                        if (!datastores.contains(d)) {
                            throw error(line, "unknown datastore '" + d + "' (declare it with 'datastore " + d + "' first)");
                        }
                    }
                    hosts.add(new HostDescription(id, ds, parseInt(line, line.word(5), "cpu"),
                            parseInt(line, line.word(7), "mem")));
                }
                case "vm" -> {
                    expectShape(line, "vm <moid> on <host> ds <datastore> cpu <MHz> mem <MiB> priority <level>",
                            null, "on", null, "ds", null, "cpu", null, "mem", null, "priority", null);
                    VmId id = VmId.of(line.word(1));
                    if (!vmIds.add(id)) {
                        throw error(line, "vm " + id + " declared twice");
                    }
                    HostId host = HostId.of(line.word(3));
                    if (!hostIds.contains(host)) {
                        throw error(line, "unknown host '" + host + "' (declare it first)");
                    }
                    String ds = line.word(5);
                    if (!datastores.contains(ds)) {
                        throw error(line, "unknown datastore '" + ds + "'");
                    }
                    RestartPriority priority;
                    try {
                        priority = RestartPriority.parse(line.word(11));
                    } catch (IllegalArgumentException e) {
                        throw error(line, "priority must be one of disabled, lowest, low, medium, high, highest; was '"
                                + line.word(11) + "'");
                    }
                    vms.add(new VmDescription(id, host, ds, parseInt(line, line.word(7), "cpu"),
                            parseInt(line, line.word(9), "mem"), priority));
                }
                case "admission-control" -> {
                    admission = admissionControl(line);
                    admissionLine = line;
                }
                case "isolation" -> {
                    if (line.size() > 1 && line.word(1).equals("vm")) {
                        expectShape(line, "isolation vm <vm> response <none|powerOff|shutdown>", "vm", null, "response", null);
                        VmId vm = VmId.of(line.word(2));
                        if (!vmIds.contains(vm)) {
                            throw error(line, "unknown vm '" + vm + "' (declare it first)");
                        }
                        VmOverrides.put(overrides, new VmOverride(vm, true, null, response(line, line.word(4))));
                    } else {
                        policy = isolationPolicy(line, policy);
                    }
                }
                case "restart-class" -> {
                    expectWords(line, 3, "restart-class <vm> " + String.join("|", RestartClass.wireNames()));
                    VmId vm = VmId.of(line.word(1));
                    if (!vmIds.contains(vm)) {
                        throw error(line, "unknown vm '" + vm + "' (declare it first)");
                    }
                    RestartClass restartClass = RestartClass.fromWireName(line.word(2)).orElseThrow(() -> error(line,
                            "restart class must be one of " + RestartClass.wireNames() + ", was '" + line.word(2) + "'"));
                    VmOverrides.put(overrides, new VmOverride(vm, true, null, null, restartClass));
                }
                default -> throw error(line, "unknown keyword '" + keyword
                        + "' (expected cluster-id, seed, timing, vm-monitoring, datastore, host, vm, isolation, restart-class,"
                        + " admission-control, restart-schedule, readiness, depends, affinity, anti-affinity or vm-host)");
            }
        }
        if (hosts.isEmpty()) {
            throw new ScenarioSyntaxException(FILE, 0, "no host declared");
        }
        if (admission != null) {
            try {
                admission.validate("admission-control", hostIds);
            } catch (io.openfdm.core.config.ConfigException e) {
                throw error(admissionLine, e.getMessage());
            }
        }
        ClusterDescription description = new ClusterDescription(clusterId, seed, timing, List.copyOf(datastores), hosts, vms,
                policy.withVmMonitoring(vmMonitoring).withAdmissionControlPolicy(admission), overrides,
                restart.policy(ClusterConfig.legacyRestartPolicy(timing.equals("aggressive") ? Timing.aggressive()
                        : Timing.defaults())));
        try {
            description.toClusterConfig();
        } catch (ConfigException e) {
            throw new ScenarioSyntaxException(FILE, 0, e.getMessage());
        }
        return description;
    }

    /** Removes and returns the override of {@code vm} (null when none): one override per VM. */
    private static final String ADMISSION_USAGE = "admission-control <slotPolicy|resourcePercentage|failoverHosts|disabled>"
            + " [failures N] [slot-cpu MHz] [slot-mem MiB] [cpu-percent P] [mem-percent P] [hosts h1,h2]";

    /** {@code admission-control <policy> [key value]...}; see the class comment. */
    private static AdmissionControlPolicy admissionControl(Line line) {
        if (line.size() < 2 || line.size() % 2 != 0) {
            throw error(line, "expected '" + ADMISSION_USAGE + "'");
        }
        AdmissionControlPolicy.Kind kind = AdmissionControlPolicy.Kind.fromWireName(line.word(1)).orElseThrow(() ->
                error(line, "policy must be one of " + AdmissionControlPolicy.Kind.wireNames() + ", was '" + line.word(1) + "'"));
        int failures = kind == AdmissionControlPolicy.Kind.DISABLED ? 0 : 1;
        int slotCpu = 0;
        int slotMem = 0;
        Integer cpuPercent = null;
        Integer memPercent = null;
        List<HostId> failoverHosts = new ArrayList<>();
        for (int i = 2; i < line.size(); i += 2) {
            String value = line.word(i + 1);
            switch (line.word(i)) {
                case "failures" -> failures = parseInt(line, value, "failures");
                case "slot-cpu" -> slotCpu = parseInt(line, value, "slot-cpu");
                case "slot-mem" -> slotMem = parseInt(line, value, "slot-mem");
                case "cpu-percent" -> cpuPercent = parseInt(line, value, "cpu-percent");
                case "mem-percent" -> memPercent = parseInt(line, value, "mem-percent");
                case "hosts" -> {
                    for (String h : value.split(",")) {
                        failoverHosts.add(HostId.of(h));
                    }
                }
                default -> throw error(line, "unknown key '" + line.word(i) + "' (usage: " + ADMISSION_USAGE + ")");
            }
        }
        return new AdmissionControlPolicy(kind, failures, slotCpu, slotMem, cpuPercent, memPercent, failoverHosts);
    }

    /** The policy as an {@code admission-control} line ({@link #parse} reads it back). */
    static String admissionControlLine(AdmissionControlPolicy p) {
        StringBuilder out = new StringBuilder("admission-control ").append(p.policy().wireName());
        if (p.policy() != AdmissionControlPolicy.Kind.DISABLED) {
            out.append(" failures ").append(p.hostFailuresToTolerate());
        }
        if (p.slotCpuMhz() > 0) {
            out.append(" slot-cpu ").append(p.slotCpuMhz());
        }
        if (p.slotMemoryMb() > 0) {
            out.append(" slot-mem ").append(p.slotMemoryMb());
        }
        if (p.cpuFailoverPercent() != null) {
            out.append(" cpu-percent ").append(p.cpuFailoverPercent());
        }
        if (p.memoryFailoverPercent() != null) {
            out.append(" mem-percent ").append(p.memoryFailoverPercent());
        }
        if (!p.failoverHosts().isEmpty()) {
            out.append(" hosts ").append(String.join(",", p.failoverHosts().stream().map(HostId::moid).toList()));
        }
        return out.toString();
    }

    /** {@code isolation [response R] [delay S] [shutdown-timeout S] [gateway on|off] [addresses a,b|-]}. */
    private static HaPolicy isolationPolicy(Line line, HaPolicy base) {
        String usage = "isolation [response none|powerOff|shutdown] [delay <s>] [shutdown-timeout <s>] [gateway on|off]"
                + " [addresses <a,b>|-]";
        if (line.size() % 2 != 1 || line.size() < 3) {
            throw error(line, "expected '" + usage + "'");
        }
        IsolationResponse response = base.isolationResponse();
        IsolationPolicy iso = base.isolation();
        long delayMs = iso.policyDelayMs();
        long shutdownMs = iso.shutdownTimeoutMs();
        boolean gateway = iso.useDefaultIsolationAddress();
        List<String> addresses = iso.isolationAddresses();
        for (int i = 1; i < line.size(); i += 2) {
            String value = line.word(i + 1);
            switch (line.word(i)) {
                case "response" -> response = response(line, value);
                case "delay" -> delayMs = parseInt(line, value, "delay") * 1000L;
                case "shutdown-timeout" -> shutdownMs = parseInt(line, value, "shutdown-timeout") * 1000L;
                case "gateway" -> {
                    if (!value.equals("on") && !value.equals("off")) {
                        throw error(line, "gateway must be 'on' or 'off', was '" + value + "'");
                    }
                    gateway = value.equals("on");
                }
                case "addresses" -> addresses = value.equals("-") ? List.of() : List.of(value.split(","));
                default -> throw error(line, "unknown isolation setting '" + line.word(i) + "' (usage: " + usage + ")");
            }
        }
        IsolationPolicy next = new IsolationPolicy(addresses, gateway, delayMs, shutdownMs);
        try {
            next.validate("isolation");
        } catch (ConfigException e) {
            throw error(line, e.getMessage());
        }
        return new HaPolicy(base.hostMonitoring(), response, base.admissionControl(), next, base.vmMonitoring(),
                base.admissionControlPolicy());
    }

    private static IsolationResponse response(Line line, String name) {
        return IsolationResponse.fromWireName(name).orElseThrow(() -> error(line,
                "isolation response must be one of " + IsolationResponse.wireNames() + ", was '" + name + "'"));
    }

    /**
     * {@code vm-monitoring vm <vm> disabled}, or {@code vm-monitoring vm <vm> high|medium|low
     * [settings]}: the VM's own VM monitoring ({@code vmOverrides[].vmMonitoring}).
     */
    private static VmOverride vmMonitoringOverride(Line line, Set<VmId> vmIds) {
        String usage = "vm-monitoring vm <vm> disabled|high|medium|low [failure-interval S] [min-uptime S] [max-resets N] [window S]";
        if (line.size() < 4) {
            throw error(line, "expected '" + usage + "'");
        }
        VmId vm = VmId.of(line.word(2));
        if (!vmIds.contains(vm)) {
            throw error(line, "unknown vm '" + vm + "' (declare it first)");
        }
        VmMonitoringPolicy policy;
        if (line.word(3).equals("disabled")) {
            expectWords(line, 4, "vm-monitoring vm <vm> disabled");
            policy = VmMonitoringPolicy.disabled();
        } else {
            policy = vmMonitoring(line, 3, usage);
        }
        return new VmOverride(vm, true, null, null, policy);
    }

    private static VmMonitoringPolicy vmMonitoring(Line line) {
        String usage = "vm-monitoring high|medium|low [failure-interval S] [min-uptime S] [max-resets N] [window S]";
        return vmMonitoring(line, 1, usage);
    }

    /** The sensitivity at word {@code at}, then settings in pairs. */
    private static VmMonitoringPolicy vmMonitoring(Line line, int at, String usage) {
        if (line.size() < at + 1 || (line.size() - at - 1) % 2 != 0) {
            throw error(line, "expected '" + usage + "'");
        }
        VmMonitoringPolicy.Sensitivity sensitivity = VmMonitoringPolicy.Sensitivity.fromWireName(line.word(at))
                .orElseThrow(() -> error(line, "sensitivity must be one of "
                        + VmMonitoringPolicy.Sensitivity.wireNames() + ", was '" + line.word(at) + "'"));
        VmMonitoringPolicy p = VmMonitoringPolicy.of(true, sensitivity);
        long failureMs = p.failureIntervalMs();
        long uptimeMs = p.minUptimeMs();
        int maxResets = p.maxResets();
        long windowMs = p.resetWindowMs();
        for (int i = at + 1; i < line.size(); i += 2) {
            String value = line.word(i + 1);
            switch (line.word(i)) {
                case "failure-interval" -> failureMs = seconds(line, value);
                case "min-uptime" -> uptimeMs = seconds(line, value);
                case "max-resets" -> maxResets = parseInt(line, value, "max-resets");
                case "window" -> windowMs = seconds(line, value);
                default -> throw error(line, "unknown setting '" + line.word(i) + "' (usage: " + usage + ")");
            }
        }
        VmMonitoringPolicy policy = new VmMonitoringPolicy(true, failureMs, uptimeMs, maxResets, windowMs);
        try {
            policy.validate("vm-monitoring");
        } catch (ConfigException e) {
            throw error(line, e.getMessage());
        }
        return policy;
    }

    private static long seconds(Line line, String text) {
        try {
            return Times.parseSeconds(text, false);
        } catch (IllegalArgumentException e) {
            throw error(line, e.getMessage());
        }
    }

    /** The {@code vm-monitoring} line that reads back as {@code policy} (which must be enabled). */
    static String vmMonitoringLine(VmMonitoringPolicy policy) {
        return "vm-monitoring high failure-interval " + Times.format(policy.failureIntervalMs())
                + " min-uptime " + Times.format(policy.minUptimeMs()) + " max-resets " + policy.maxResets()
                + " window " + Times.format(policy.resetWindowMs());
    }

    /** The {@code vm-monitoring vm} line that reads back as a VM's own {@code policy}. */
    static String vmMonitoringOverrideLine(VmId vm, VmMonitoringPolicy policy) {
        if (!policy.enabled()) {
            return "vm-monitoring vm " + vm + " disabled";
        }
        return "vm-monitoring vm " + vm + vmMonitoringLine(policy).substring("vm-monitoring".length());
    }

    private static void expectWords(Line line, int count, String usage) {
        if (line.size() != count) {
            throw error(line, "expected '" + usage + "'");
        }
    }

    /** {@code shape[i]} is the literal expected at word {@code i + 1}, or null for a value. */
    private static void expectShape(Line line, String usage, String... shape) {
        if (line.size() != shape.length + 1) {
            throw error(line, "expected '" + usage + "'");
        }
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] != null && !shape[i].equals(line.word(i + 1))) {
                throw error(line, "expected '" + shape[i] + "' as word " + (i + 2) + ", found '"
                        + line.word(i + 1) + "' (usage: " + usage + ")");
            }
        }
    }

    private static int parseInt(Line line, String text, String what) {
        try {
            int value = Integer.parseInt(text);
            if (value < 0) {
                throw error(line, what + " must be >= 0, was " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw error(line, what + " must be an integer, was '" + text + "'");
        }
    }

    private static long parseLong(Line line, String text, String what) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw error(line, what + " must be an integer, was '" + text + "'");
        }
    }

    private static ScenarioSyntaxException error(Line line, String detail) {
        return new ScenarioSyntaxException(FILE, line.number(), detail);
    }
}
