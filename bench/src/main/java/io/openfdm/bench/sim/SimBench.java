package io.openfdm.bench.sim;

import io.openfdm.bench.election.ElectionTiming;
import io.openfdm.bench.failover.FailoverBench.Victim;
import io.openfdm.bench.loss.FalseFailovers;
import io.openfdm.bench.stats.Samples;
import io.openfdm.core.model.Role;
import io.openfdm.core.journal.EventKind;
import io.openfdm.core.journal.JournalEvent;
import io.openfdm.core.model.VmId;
import io.openfdm.sim.check.LeaseFilesFenced;
import io.openfdm.sim.check.NoVmRunsTwice;
import io.openfdm.sim.check.OneLeaseHolder;
import io.openfdm.sim.check.ProtectedVmsRunOnce;
import io.openfdm.sim.cluster.SimCluster;
import io.openfdm.sim.cluster.SimulationFailure;
import io.openfdm.sim.host.SimHost;
import io.openfdm.sim.host.Timeline;
import io.openfdm.sim.scenario.ClusterParser;
import io.openfdm.sim.scenario.Command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The same questions asked of the deterministic simulator (fdm-sim): the production
 * {@code AgentNode} and its state machines on virtual time, a simulated network (1 ms latency, up
 * to 1 ms jitter, seeded loss) and in-memory datastores, with the simulator's invariant checkers
 * ({@link NoVmRunsTwice}, {@link OneLeaseHolder}, {@link LeaseFilesFenced} after every event,
 * {@link ProtectedVmsRunOnce} at the end). Times are virtual, so they are free of this machine's
 * load but do not include real I/O, scheduling or the wire codec.
 *
 * <p>Cluster: {@code hosts} hosts on two datastores, {@code vms} VMs round-robin (as
 * {@code fdm cluster up} places them), default or aggressive timers.
 */
public final class SimBench {
    /** A healthy cluster watched under loss; the first {@value #WARMUP_MS} ms (boot, election) are not counted. */
    public static final long WARMUP_MS = 20_000;
    /** When the failure is injected in a failover run, virtual ms. */
    public static final long FAIL_AT_MS = 30_000;
    /** How long after the failure a failover run goes on, virtual ms. */
    public static final long FAILOVER_RUN_MS = 30_000;

    private final int hosts;
    private final int vms;
    private final String timing;

    public SimBench(int hosts, int vms, String timing) {
        this.hosts = hosts;
        this.vms = vms;
        this.timing = timing;
    }

    /**
     * @param seeds       seeds run
     * @param alarms      false alarms after the warm-up, summed over the seeds
     * @param sent        datagrams sent, summed
     * @param dropped     datagrams dropped by the loss, summed
     * @param failures    invariant violations ({@link SimulationFailure} messages, with seed and replay)
     */
    public record QuietResult(int seeds, long virtualMs, double loss, FalseFailovers alarms, long sent, long dropped,
                              List<String> failures) {
    }

    /** A healthy cluster at {@code loss} for {@code virtualMs}, once per seed 1..seeds. */
    public QuietResult quiet(int seeds, long virtualMs, double loss) {
        FalseFailovers total = FalseFailovers.count(List.of());
        long sent = 0;
        long dropped = 0;
        List<String> failures = new ArrayList<>();
        for (long seed = 1; seed <= seeds; seed++) {
            SimCluster c = cluster(seed, "quiet " + virtualMs + " ms at loss " + loss);
            try {
                c.apply(new Command.Loss(loss));
                c.runUntil(virtualMs);
                c.checkNow(new ProtectedVmsRunOnce());
            } catch (SimulationFailure e) {
                failures.add(e.getMessage());
            }
            total = total.plus(FalseFailovers.count(events(c.timeline(), WARMUP_MS)));
            sent += c.network().counters().getOrDefault("sent", 0L);
            dropped += c.network().counters().getOrDefault("dropped.loss", 0L);
        }
        return new QuietResult(seeds, virtualMs, loss, total, sent, dropped, failures);
    }

    /** Virtual ms after the crash, per seed that recovered. */
    public record FailoverResult(Victim victim, double loss, Samples firstRequest, Samples allRunning, List<String> failures) {
    }

    /**
     * Crashes a host ({@code power off}: no goodbye) at {@value #FAIL_AT_MS} ms and measures, in
     * virtual time, the first power-on request for its VMs and when the last of them was powered on.
     * A slave victim is the slave running the most VMs (lowest MOID on a tie).
     */
    public FailoverResult failover(int seeds, double loss, Victim victim) {
        Samples first = new Samples();
        Samples all = new Samples();
        List<String> failures = new ArrayList<>();
        for (long seed = 1; seed <= seeds; seed++) {
            SimCluster c = cluster(seed, "crash a " + victim + " at loss " + loss);
            try {
                c.apply(new Command.Loss(loss));
                c.runUntil(FAIL_AT_MS);
                SimHost target = pick(c, victim);
                Set<String> its = target.poweredOnVms().stream().map(VmId::moid).collect(Collectors.toSet());
                c.apply(new Command.Power(target.id(), false));
                c.runUntil(FAIL_AT_MS + FAILOVER_RUN_MS);
                c.checkNow(new ProtectedVmsRunOnce());
                List<Timeline.Entry> after = c.timeline().entries().stream()
                        .filter(e -> e.event() != null && e.atMs() >= FAIL_AT_MS).toList();
                long req = after.stream().filter(e -> e.event().kind() == EventKind.RESTART_REQUESTED
                        && its.contains(e.event().subject())).mapToLong(Timeline.Entry::atMs).min().orElse(-1);
                long last = -1;
                for (String vm : its) {
                    long on = after.stream().filter(e -> e.event().kind() == EventKind.VM_POWERED_ON
                            && vm.equals(e.event().subject())).mapToLong(Timeline.Entry::atMs).min().orElse(-1);
                    last = on < 0 ? Long.MAX_VALUE : Math.max(last, on);
                }
                if (req < 0 || last < 0 || last == Long.MAX_VALUE) {
                    failures.add("seed " + seed + ": VMs of " + target.id() + " not all restarted within "
                            + FAILOVER_RUN_MS + " ms");
                    continue;
                }
                first.add(req - FAIL_AT_MS);
                all.add(last - FAIL_AT_MS);
            } catch (SimulationFailure e) {
                failures.add(e.getMessage());
            }
        }
        return new FailoverResult(victim, loss, first, all, failures);
    }

    /** Virtual ms from the first {@code election started} to the last decision, per seed. */
    public record ElectionResult(int agents, Samples coldStart, Samples reelection, List<String> failures) {
    }

    /**
     * Elections of {@code agents} hosts, no VMs: the cold start (every host boots at 0 ms, ticking
     * from a seeded phase) and, at {@value #FAIL_AT_MS} ms, the re-election after the master shuts
     * down cleanly (it resigns). Read from the journals as {@link ElectionTiming} reads real ones.
     */
    public ElectionResult election(int agents, int seeds) {
        Samples cold = new Samples();
        Samples re = new Samples();
        List<String> failures = new ArrayList<>();
        for (long seed = 1; seed <= seeds; seed++) {
            SimCluster c = cluster(seed, agents, 0, "election of " + agents);
            try {
                c.runUntil(FAIL_AT_MS);
                SimHost master = pick(c, Victim.MASTER);
                cold.add(ElectionTiming.of(eventsByHost(c, 0), 0).settleMs());
                c.apply(new Command.Shutdown(master.id()));
                c.runUntil(FAIL_AT_MS + 5_000);
                Map<String, List<JournalEvent>> survivors = eventsByHost(c, FAIL_AT_MS);
                survivors.remove(master.id().moid());
                re.add(ElectionTiming.of(survivors, FAIL_AT_MS).settleMs());
            } catch (SimulationFailure | IllegalStateException e) {
                failures.add("seed " + seed + ": " + e.getMessage());
            }
        }
        return new ElectionResult(agents, cold, re, failures);
    }

    /** Each host's journal events from {@code fromMs}, stamped with virtual time instead of the host's wall clock. */
    private static Map<String, List<JournalEvent>> eventsByHost(SimCluster c, long fromMs) {
        Map<String, List<JournalEvent>> out = new LinkedHashMap<>();
        for (SimHost h : c.hosts()) {
            out.put(h.id().moid(), new ArrayList<>());
        }
        for (Timeline.Entry e : c.timeline().entries()) {
            JournalEvent ev = e.event();
            if (ev != null && e.atMs() >= fromMs && out.containsKey(ev.host())) {
                out.get(ev.host()).add(new JournalEvent(e.atMs(), ev.host(), ev.role(), ev.kind(), ev.message(),
                        ev.subject(), ev.durationMs()));
            }
        }
        return out;
    }

    private static SimHost pick(SimCluster c, Victim victim) {
        List<SimHost> live = c.hosts().stream().filter(SimHost::live).toList();
        if (victim == Victim.MASTER) {
            return live.stream().filter(h -> h.node().role() == Role.MASTER).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no master at " + FAIL_AT_MS + " ms"));
        }
        SimHost best = null;
        for (SimHost h : live) {
            if (h.node().role() == Role.SLAVE && (best == null || h.poweredOnVms().size() > best.poweredOnVms().size())) {
                best = h;
            }
        }
        if (best == null) {
            throw new IllegalStateException("no slave at " + FAIL_AT_MS + " ms");
        }
        return best;
    }

    private SimCluster cluster(long seed, String what) {
        return cluster(seed, hosts, vms, what);
    }

    private SimCluster cluster(long seed, int hosts, int vms, String what) {
        StringBuilder text = new StringBuilder();
        text.append("cluster-id bench\nseed ").append(seed).append("\ntiming ").append(timing).append('\n');
        text.append("datastore ds-1\ndatastore ds-2\n");
        for (int i = 1; i <= hosts; i++) {
            text.append("host host-").append(i).append(" datastores ds-1,ds-2 cpu 20000 mem 65536\n");
        }
        for (int k = 1; k <= vms; k++) {
            text.append("vm vm-").append(k).append(" on host-").append((k - 1) % hosts + 1).append(" ds ds-")
                    .append((k - 1) % 2 + 1).append(" cpu 256 mem 512 priority medium\n");
        }
        return new SimCluster(ClusterParser.parse(text.toString()),
                "bench/run.sh sim: " + what + ", seed " + seed + ", " + hosts + " hosts, " + vms + " VMs, timing " + timing)
                .check(new NoVmRunsTwice()).check(new OneLeaseHolder()).check(new LeaseFilesFenced());
    }

    private static List<JournalEvent> events(Timeline timeline, long fromMs) {
        return timeline.entries().stream().filter(e -> e.event() != null && e.atMs() >= fromMs)
                .map(Timeline.Entry::event).toList();
    }
}
