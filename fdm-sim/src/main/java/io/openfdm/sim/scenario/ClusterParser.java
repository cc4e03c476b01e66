package io.openfdm.sim.scenario;

import io.openfdm.core.config.AdmissionControlPolicy;
import io.openfdm.core.model.HostId;
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
 * datastore ds-1
 * host host-1 datastores ds-1,ds-2 cpu 20000 mem 65536
 * vm vm-1 on host-1 ds ds-1 cpu 500 mem 1024 priority high
 * admission-control slotPolicy failures 1 [slot-cpu 500] [slot-mem 1024]     (optional; or:)
 * admission-control resourcePercentage failures 1 [cpu-percent 25] [mem-percent 25]
 * admission-control failoverHosts failures 1 hosts host-4[,host-5]
 * admission-control disabled
 * </pre>
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
        AdmissionControlPolicy admission = null;
        Line admissionLine = null;
        for (Line line : LineReader.read(text)) {
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
                default -> throw error(line, "unknown keyword '" + keyword
                        + "' (expected cluster-id, seed, timing, datastore, host, vm or admission-control)");
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
        return new ClusterDescription(clusterId, seed, timing, List.copyOf(datastores), hosts, vms, admission);
    }

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
