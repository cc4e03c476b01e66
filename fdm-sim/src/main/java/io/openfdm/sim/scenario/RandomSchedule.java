package io.openfdm.sim.scenario;

import io.openfdm.core.model.HostId;
import io.openfdm.core.model.RestartPriority;
import io.openfdm.core.model.VmId;
import io.openfdm.sim.scenario.ClusterDescription.HostDescription;
import io.openfdm.sim.scenario.ClusterDescription.VmDescription;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Generates a random but reproducible story from a seed, for the seeded random tier (TigerBeetle's
 * VOPR in miniature): 3 to 5 hosts on two datastores, a few VMs, then during a fault window host
 * crashes and reboots, graceful shutdowns, packet loss and short partitions, followed by a quiet
 * period in which every fault is repaired (network healed, loss 0; crashed hosts stay down) so
 * the cluster must settle with every protected VM running exactly once.
 *
 * <p>Limits: at least one host is always powered on; a partition lasts at most
 * {@link #MAX_PARTITION_MS}; loss is at most 10%.
 */
public final class RandomSchedule {
    /** Faults happen between second 5 and this, milliseconds. */
    public static final long FAULT_WINDOW_END_MS = 30_000;
    /** Quiet time after the fault window for detection, election and restarts, milliseconds. */
    public static final long QUIET_MS = 20_000;
    /** Longest partition, milliseconds. */
    public static final long MAX_PARTITION_MS = 4_000;

    /**
     * @param cluster  the generated cluster (its seed is the given one)
     * @param commands the generated commands
     * @param cmdlist  the commands as {@code cmdlist} text, to print with a failure
     */
    public record Generated(ClusterDescription cluster, CommandList commands, String cmdlist) {
    }

    private RandomSchedule() {
    }

    public static Generated generate(long seed) {
        SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
        int hostCount = 3 + r.nextInt(3);
        List<HostDescription> hosts = new ArrayList<>();
        for (int i = 1; i <= hostCount; i++) {
            List<String> ds = r.nextInt(5) == 0 ? List.of("ds-1") : List.of("ds-1", "ds-2");
            hosts.add(new HostDescription(HostId.of("host-" + i), ds, 20_000, 65_536));
        }
        List<VmDescription> vms = new ArrayList<>();
        RestartPriority[] priorities = RestartPriority.values();
        int vmCount = 2 + r.nextInt(2 * hostCount);
        for (int i = 1; i <= vmCount; i++) {
            HostDescription h = hosts.get(r.nextInt(hostCount));
            String ds = h.datastores().get(r.nextInt(h.datastores().size()));
            vms.add(new VmDescription(VmId.of("vm-" + i), h.id(), ds, 500, 1024, priorities[r.nextInt(priorities.length)]));
        }
        ClusterDescription cluster = new ClusterDescription("c1", seed, "default", List.of("ds-1", "ds-2"), hosts, vms);

        List<CommandList.Timed> out = new ArrayList<>();
        TreeSet<HostId> down = new TreeSet<>();
        long t = 5_000;
        boolean partitioned = false;
        long healAt = Long.MAX_VALUE;
        while (true) {
            t += 500 + r.nextLong(4_000);
            if (partitioned && healAt <= t) {
                out.add(new CommandList.Timed(healAt, new Command.Heal(), 0));
                partitioned = false;
            }
            if (t >= FAULT_WINDOW_END_MS) {
                break;
            }
            HostId h = hosts.get(r.nextInt(hostCount)).id();
            int kind = r.nextInt(10);
            if (kind < 4) {
                if (down.contains(h)) {
                    out.add(new CommandList.Timed(t, new Command.Power(h, true), 0));
                    down.remove(h);
                } else if (down.size() < hostCount - 1) {
                    out.add(new CommandList.Timed(t, kind == 0 ? new Command.Shutdown(h) : new Command.Power(h, false), 0));
                    down.add(h);
                }
            } else if (kind < 6) {
                double loss = r.nextInt(3) * 0.05;
                out.add(new CommandList.Timed(t, new Command.Loss(loss), 0));
            } else if (kind < 8 && !partitioned) {
                List<HostId> a = new ArrayList<>();
                List<HostId> b = new ArrayList<>();
                for (HostDescription hd : hosts) {
                    (r.nextBoolean() ? a : b).add(hd.id());
                }
                if (!a.isEmpty() && !b.isEmpty()) {
                    out.add(new CommandList.Timed(t, new Command.Partition(List.of(a, b)), 0));
                    partitioned = true;
                    healAt = t + 500 + r.nextLong(MAX_PARTITION_MS - 500);
                }
            } else if (down.contains(h)) {
                out.add(new CommandList.Timed(t, new Command.Power(h, true), 0));
                down.remove(h);
            }
        }
        if (partitioned) {
            out.add(new CommandList.Timed(Math.max(healAt, FAULT_WINDOW_END_MS), new Command.Heal(), 0));
        }
        out.add(new CommandList.Timed(FAULT_WINDOW_END_MS, new Command.Loss(0.0), 0));
        out.sort((x, y) -> Long.compare(x.atMs(), y.atMs()));
        long endMs = out.get(out.size() - 1).atMs() + QUIET_MS;
        CommandList commands = new CommandList(out, endMs);
        StringBuilder text = new StringBuilder();
        for (CommandList.Timed c : out) {
            text.append(Times.format(c.atMs())).append(' ').append(c.command().text()).append('\n');
        }
        text.append("end ").append(Times.format(endMs)).append('\n');
        return new Generated(cluster, commands, text.toString());
    }
}
