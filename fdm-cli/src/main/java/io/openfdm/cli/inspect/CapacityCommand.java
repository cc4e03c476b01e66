package io.openfdm.cli.inspect;

import io.openfdm.cli.CliException;
import io.openfdm.cli.ExitCodes;
import io.openfdm.cli.agents.ClusterView;
import io.openfdm.cli.cluster.MoidOrder;
import io.openfdm.cli.output.Fields;
import io.openfdm.cli.output.Table;
import io.openfdm.core.status.AgentStatus;
import io.openfdm.core.status.CapacityStatus;
import picocli.CommandLine.Command;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code fdm capacity}: the cluster's failover capacity as the master computes it (admission
 * control): the policy, the host failures it asks for and those the cluster tolerates now, slots or
 * resource shares, and each host's room. Exit 0 whether or not the policy is met; 1 when no master
 * answered.
 */
@Command(name = "capacity", mixinStandardHelpOptions = true,
        description = "Failover capacity (admission control): policy, failures tolerated, slots, each host's room.")
public final class CapacityCommand extends InspectCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        ClusterView.Answer shown = preferredView(view());
        CapacityStatus c = capacityOf(shown.status());
        if (options.json()) {
            printJson(c);
            return ExitCodes.OK;
        }
        describe(c).print(out());
        out().println();
        table(c).print(out());
        return ExitCodes.OK;
    }

    /** The master's capacity. @throws CliException (failed) when the agent asked is not the master */
    static CapacityStatus capacityOf(AgentStatus s) {
        if (s.capacity() == null) {
            throw CliException.failed(s.host() + " is " + s.role() + (s.master() == null || s.master().isEmpty() ? ""
                    : " (master " + s.master() + ")") + ": only the master computes the failover capacity");
        }
        return s.capacity();
    }

    /** The cluster-wide figures as labelled lines. */
    static Fields describe(CapacityStatus c) {
        Fields f = new Fields()
                .add("policy", c.policy() + (c.configured() ? "" : " (vSphere's default: not in cluster.json, no warnings)"))
                .add("failures to tolerate", c.failuresToTolerate())
                .add("failures tolerated", c.failuresTolerated())
                .add("verdict", c.sufficient() ? "sufficient" : "insufficient: " + c.reason());
        if (c.policy().equals("slotPolicy")) {
            f.add("slot", c.slotCpuMhz() + " MHz, " + c.slotMemoryMb() + " MB")
                    .add("slots", c.totalSlots() + " total, " + c.usedSlots() + " used, " + c.availableSlots()
                            + " available after keeping the " + c.failuresToTolerate() + " largest hosts' slots");
        }
        f.add("cpu", c.cpuCapacityMhz() + " MHz live, " + c.cpuReservedMhz() + " reserved, " + c.cpuFreePercent() + "% free"
                        + kept(c.cpuFailoverPercent()))
                .add("memory", c.memoryCapacityMb() + " MB live, " + c.memoryReservedMb() + " reserved, "
                        + c.memoryFreePercent() + "% free" + kept(c.memoryFailoverPercent()))
                .add("protected VMs", c.protectedVms());
        return f;
    }

    private static String kept(int percent) {
        return percent < 0 ? "" : " (" + percent + "% kept for failover)";
    }

    /** One row per host, in MOID order; FAILOVER only for the failoverHosts policy, SLOTS only for slotPolicy. */
    static Table table(CapacityStatus c) {
        boolean slots = c.policy().equals("slotPolicy");
        boolean failover = c.policy().equals("failoverHosts");
        List<String> headers = new ArrayList<>(List.of("HOST", "LIVE"));
        if (failover) {
            headers.add("FAILOVER");
        }
        headers.addAll(List.of("CPU MHZ", "CPU FREE", "MEMORY MB", "MEMORY FREE", "VMS"));
        if (slots) {
            headers.add("SLOTS");
        }
        Table t = new Table(headers.toArray(String[]::new))
                .rightAligned("CPU MHZ", "CPU FREE", "MEMORY MB", "MEMORY FREE", "VMS").emptyText("(no hosts)");
        if (slots) {
            t.rightAligned("SLOTS");
        }
        c.hosts().stream().sorted(Comparator.comparing(CapacityStatus.HostRoom::host, MoidOrder.NATURAL)).forEach(h -> {
            List<Object> row = new ArrayList<>(List.of(h.host(), h.live() ? "yes" : "no"));
            if (failover) {
                row.add(h.failoverHost() ? "yes" : "no");
            }
            row.addAll(List.of(h.cpuMhz(), h.cpuFreeMhz(), h.memoryMb(), h.memoryFreeMb(), h.vms()));
            if (slots) {
                row.add(h.slots());
            }
            t.row(row.toArray());
        });
        return t;
    }
}
