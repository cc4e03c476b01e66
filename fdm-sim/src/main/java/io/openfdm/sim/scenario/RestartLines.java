package io.openfdm.sim.scenario;

import io.openfdm.core.config.DependencyRule;
import io.openfdm.core.config.ReadyCondition;
import io.openfdm.core.config.RestartPolicy;
import io.openfdm.core.config.VmHostRule;
import io.openfdm.core.config.VmVmRule;
import io.openfdm.core.model.HostId;
import io.openfdm.core.model.VmId;
import io.openfdm.sim.scenario.LineReader.Line;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The restart-policy lines of a scenario's {@code cluster} file ({@link ClusterParser} lists them):
 * {@code restart-schedule}, {@code readiness}, {@code depends}, {@code affinity},
 * {@code anti-affinity}, {@code vm-host}. VMs and hosts must be declared before a rule names them.
 */
final class RestartLines {
    private List<Long> scheduleMs;
    private ReadyCondition condition;
    private long postReadyDelayMs = -1;
    private long readyTimeoutMs = -1;
    private final List<DependencyRule> dependencies = new ArrayList<>();
    private final List<VmVmRule> vmVmRules = new ArrayList<>();
    private final List<VmHostRule> vmHostRules = new ArrayList<>();
    private boolean any;

    /** Consumes {@code line} if it is one of these lines; false otherwise. */
    boolean accept(Line line, Set<HostId> hosts, Set<VmId> vms) {
        switch (line.word(0)) {
            case "restart-schedule" -> {
                expect(line, line.size() == 2, "restart-schedule <s,s,...>");
                scheduleMs = new ArrayList<>();
                for (String t : line.word(1).split(",")) {
                    scheduleMs.add(seconds(line, t));
                }
            }
            case "readiness" -> {
                expect(line, line.size() == 6 && line.word(2).equals("delay") && line.word(4).equals("timeout"),
                        "readiness none|poweredOn|guestHeartbeat delay <s> timeout <s>");
                condition = ReadyCondition.fromWireName(line.word(1)).orElseThrow(() -> error(line,
                        "readiness must be one of " + ReadyCondition.wireNames() + ", was '" + line.word(1) + "'"));
                postReadyDelayMs = seconds(line, line.word(3));
                readyTimeoutMs = seconds(line, line.word(5));
            }
            case "depends" -> {
                expect(line, line.size() == 4 && line.word(2).equals("on"), "depends <vm> on <vm>");
                dependencies.add(new DependencyRule(vm(line, line.word(1), vms), vm(line, line.word(3), vms)));
            }
            case "affinity", "anti-affinity" -> {
                expect(line, line.size() == 3, line.word(0) + " <name> <vm,vm,...>");
                vmVmRules.add(new VmVmRule(line.word(1), line.word(0).equals("affinity"), vmList(line, line.word(2), vms)));
            }
            case "vm-host" -> {
                expect(line, line.size() == 6 && (line.word(2).equals("must") || line.word(2).equals("should"))
                        && line.word(4).equals("hosts"), "vm-host <name> must|should <vm,...> hosts <host,...>");
                List<HostId> group = new ArrayList<>();
                for (String h : line.word(5).split(",")) {
                    HostId id = HostId.of(h);
                    if (!hosts.contains(id)) {
                        throw error(line, "unknown host '" + h + "' (declare it first)");
                    }
                    group.add(id);
                }
                vmHostRules.add(new VmHostRule(line.word(1), line.word(2).equals("must"), vmList(line, line.word(3), vms), group));
            }
            default -> {
                return false;
            }
        }
        any = true;
        return true;
    }

    /** The policy, or null when the file has none of these lines; missing parts come from {@code base}. */
    RestartPolicy policy(RestartPolicy base) {
        if (!any) {
            return null;
        }
        return new RestartPolicy(scheduleMs == null ? base.attemptScheduleMs() : scheduleMs,
                condition == null ? base.readyCondition() : condition,
                postReadyDelayMs < 0 ? base.postReadyDelayMs() : postReadyDelayMs,
                readyTimeoutMs < 0 ? base.readyTimeoutMs() : readyTimeoutMs, dependencies, vmVmRules, vmHostRules);
    }

    private static List<VmId> vmList(Line line, String text, Set<VmId> vms) {
        List<VmId> out = new ArrayList<>();
        for (String v : text.split(",")) {
            out.add(vm(line, v, vms));
        }
        return out;
    }

    private static VmId vm(Line line, String text, Set<VmId> vms) {
        VmId id = VmId.of(text);
        if (!vms.contains(id)) {
            throw error(line, "unknown vm '" + text + "' (declare it first)");
        }
        return id;
    }

    private static long seconds(Line line, String text) {
        try {
            return Times.parseSeconds(text, false);
        } catch (IllegalArgumentException e) {
            throw error(line, e.getMessage());
        }
    }

    private static void expect(Line line, boolean ok, String usage) {
        if (!ok) {
            throw error(line, "expected '" + usage + "'");
        }
    }

    private static ScenarioSyntaxException error(Line line, String detail) {
        return new ScenarioSyntaxException(ClusterParser.FILE, line.number(), detail);
    }
}
