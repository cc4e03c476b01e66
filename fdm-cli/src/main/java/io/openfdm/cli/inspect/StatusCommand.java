package io.openfdm.cli.inspect;

import io.openfdm.cli.agents.ClusterView;
import io.openfdm.cli.ExitCodes;
import io.openfdm.cli.output.Durations;
import io.openfdm.cli.output.Fields;
import io.openfdm.core.config.HaPolicy;
import io.openfdm.core.status.AgentStatus;
import picocli.CommandLine.Command;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code fdm status}: one agent's identity and health: host, role, master, cluster and config
 * version, the HA policy (when the agent reports it), uptime, packet counters (dropped packets by
 * reason). Without {@code --agent}, the
 * master's, followed by one line naming every agent's role.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Host, role, master, cluster, config version, uptime and packet counters of an agent.")
public final class StatusCommand extends InspectCommand implements Callable<Integer> {
    private static final String DROPPED = "dropped.";

    @Override
    public Integer call() {
        ClusterView view = view();
        ClusterView.Answer shown = preferredView(view);
        if (options.json()) {
            printJson(shown.status());
            return ExitCodes.OK;
        }
        Fields f = describe(shown.status());
        if (view.answers().size() > 1 || !view.problems().isEmpty()) {
            f.add("agents", view.answers().stream()
                    .map(a -> a.status().host() + " " + a.status().role())
                    .collect(Collectors.joining(", ")));
        }
        f.print(out());
        return ExitCodes.OK;
    }

    /** The status as labelled lines. */
    static Fields describe(AgentStatus s) {
        Map<String, Long> packets = new TreeMap<>();
        Map<String, Long> dropped = new TreeMap<>();
        s.counters().forEach((k, v) -> {
            if (k.startsWith(DROPPED)) {
                dropped.put(k.substring(DROPPED.length()), v);
            } else {
                packets.put(k, v);
            }
        });
        long droppedTotal = dropped.values().stream().mapToLong(Long::longValue).sum();
        Fields f = new Fields()
                .add("host", s.host())
                .add("role", s.role())
                .add("master", s.master() == null || s.master().isEmpty() ? "(none)" : s.master())
                .add("cluster", s.clusterId())
                .add("config version", s.configVersion());
        if (s.haPolicy() != null) {
            HaPolicy p = s.haPolicy();
            f.add("ha policy", "host monitoring " + onOff(p.hostMonitoring()) + ", isolation response "
                    + p.isolationResponse().wireName() + ", admission control " + onOff(p.admissionControl()));
        }
        if (s.haPolicy() != null && s.haPolicy().vmMonitoring().enabled()) {
            var m = s.haPolicy().vmMonitoring();
            f.add("vm monitoring", "failure interval " + Durations.human(m.failureIntervalMs()) + ", minimum uptime "
                    + Durations.human(m.minUptimeMs()) + ", at most " + m.maxResets() + " resets per "
                    + Durations.human(m.resetWindowMs()));
        }
        s.hosts().stream().filter(h -> h.host().equals(s.host()) && h.mode() != null && !h.mode().equals("normal"))
                .findFirst().ifPresent(h -> f.add("mode", h.mode() + " (no restarts placed here, not a master candidate)"));
        return f
                .add("uptime", Durations.human(s.uptimeMs()))
                .add("packets", packets.isEmpty() ? "(none)" : join(packets))
                .add("dropped", droppedTotal == 0 && dropped.isEmpty() ? "0"
                        : droppedTotal + " (" + join(dropped) + ")");
    }

    private static String onOff(boolean on) {
        return on ? "on" : "off";
    }

    private static String join(Map<String, Long> counters) {
        return counters.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }
}
