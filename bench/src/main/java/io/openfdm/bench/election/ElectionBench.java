package io.openfdm.bench.election;

import io.openfdm.bench.Pause;
import io.openfdm.bench.inprocess.InProcessCluster;
import io.openfdm.bench.stats.Samples;
import io.openfdm.cli.cluster.LayoutPlan;
import io.openfdm.cli.cluster.LayoutSpec;
import io.openfdm.core.journal.JournalEvent;
import io.openfdm.core.status.AgentStatus;

import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Election time of N real agents over real UDP on loopback, in one JVM ({@link InProcessCluster}):
 * host-i on {@code <base>+i-1}, all on UDP port 8182, default timers, 2 datastores, no VMs.
 *
 * <p>Each run measures two elections, both from the agents' journals ({@link ElectionTiming}):
 * <ol>
 *   <li><b>cold start</b>: all N agents are started at once; from the first agent's
 *       {@code election started} to the last agent's decision. This includes how far apart the
 *       agents came up (reported as the start spread).</li>
 *   <li><b>re-election</b>: the master is stopped cleanly (it resigns, as when a host enters
 *       maintenance mode or HA is reconfigured); the N-1 others start an election at once. From
 *       the first survivor's {@code election started} to the last survivor's decision.</li>
 * </ol>
 * A run counts only when the agents' statuses then agree on one master and still agree
 * {@code stableMs} later.
 */
public final class ElectionBench {
    /** Journal events fetched per agent; an election writes a handful. */
    private static final int EVENT_LIMIT = 200;
    private static final long POLL_MS = 100;
    private static final long SETTLE_TIMEOUT_MS = 30_000;

    /**
     * @param sizes       agent counts to measure
     * @param reps        runs per count
     * @param workDir     a directory for the cluster directories (one per run)
     * @param baseAddress address of host-1, e.g. {@code 127.0.2.1}
     * @param stableMs    how long the agreement must hold after it is first seen, milliseconds
     */
    public record Settings(List<Integer> sizes, int reps, Path workDir, String baseAddress, long stableMs) {
    }

    /**
     * Per agent count: the settle times of the runs that settled, and why the others did not.
     * {@code coldAfterLastStart}: the cold start from the last agent's start instead of the first's.
     * {@code idleCpuMillicores}: CPU this JVM used while the settled cluster was idle (the
     * stability wait), and {@code reelectionCpuMillicores} from the resignation until the
     * agreement was seen, in thousandths of a core (2000 = both cores of a 2-CPU machine busy).
     */
    public record Result(int agents, Samples coldStart, Samples startSpread, Samples coldAfterLastStart, Samples reelection,
                         Samples idleCpuMillicores, Samples reelectionCpuMillicores, List<String> problems) {
    }

    private final Settings settings;
    private final PrintStream log;
    private final SecureRandom random = new SecureRandom();

    public ElectionBench(Settings settings, PrintStream log) {
        this.settings = settings;
        this.log = log;
    }

    /** One discarded run at 4 agents, so class loading and the JIT do not land in the first figure. */
    public void warmUp() {
        runOnce(4, 0, empty(4));
    }

    public List<Result> run() {
        List<Result> results = new ArrayList<>();
        for (int n : settings.sizes()) {
            Result r = empty(n);
            for (int rep = 1; rep <= settings.reps(); rep++) {
                runOnce(n, rep, r);
            }
            results.add(r);
        }
        return results;
    }

    private static Result empty(int n) {
        return new Result(n, new Samples(), new Samples(), new Samples(), new Samples(), new Samples(), new Samples(),
                new ArrayList<>());
    }

    private void runOnce(int n, int rep, Result result) {
        String name = "election-" + n + "-" + (rep == 0 ? "warmup" : rep);
        LayoutPlan plan = LayoutPlan.of(settings.workDir().resolve(name),
                new LayoutSpec(n, 2, 0, "default", settings.baseAddress(), "bench"), random);
        long launchMs = System.currentTimeMillis();
        try (InProcessCluster cluster = InProcessCluster.start(plan, h -> UnaryOperator.identity())) {
            List<String> all = cluster.hosts();
            CpuMeter idle = new CpuMeter();
            String master = awaitStableAgreement(cluster, all, null, idle);
            ElectionTiming c = ElectionTiming.of(events(cluster, all), launchMs);
            requireSame(master, c);

            long resignMs = System.currentTimeMillis();
            CpuMeter electing = CpuMeter.start();
            cluster.stop(master);
            List<String> survivors = cluster.hosts();
            String next = awaitStableAgreement(cluster, survivors, master, electing);
            ElectionTiming r = ElectionTiming.of(events(cluster, survivors), resignMs);
            requireSame(next, r);
            if (rep > 0) {
                result.coldStart().add(c.settleMs());
                result.startSpread().add(c.startSpreadMs());
                result.coldAfterLastStart().add(c.settleAfterLastStartMs());
                result.reelection().add(r.settleMs());
                result.idleCpuMillicores().add(idle.millicores());
                result.reelectionCpuMillicores().add(electing.millicores());
            }
            log.printf("  %s: cold start settled in %d ms (agents started over %d ms) on %s; after %s resigned,"
                    + " %d agents settled in %d ms on %s; CPU idle %.2f cores, electing %.2f cores%n", name, c.settleMs(),
                    c.startSpreadMs(), master, master, survivors.size(), r.settleMs(), next, idle.millicores() / 1000.0,
                    electing.millicores() / 1000.0);
        } catch (RuntimeException e) {
            result.problems().add(name + ": " + e.getMessage());
            log.printf("  %s: FAILED: %s%n", name, e.getMessage());
        }
    }

    private static void requireSame(String polled, ElectionTiming t) {
        if (!polled.equals(t.master())) {
            throw new IllegalStateException("statuses name " + polled + " but the journals' decisions name " + t.master());
        }
    }

    /**
     * Polls until the hosts agree on a master other than {@code notMaster}, then checks the same
     * agreement still holds {@code stableMs} later. A running {@code meter} is stopped when the
     * agreement is first seen; a meter not yet started is run over the stability wait instead.
     */
    private String awaitStableAgreement(InProcessCluster cluster, List<String> hosts, String notMaster, CpuMeter meter) {
        long deadline = System.nanoTime() + SETTLE_TIMEOUT_MS * 1_000_000;
        while (true) {
            Optional<String> m = Agreement.master(cluster.statuses(), hosts).filter(x -> !x.equals(notMaster));
            if (m.isPresent()) {
                if (meter.running()) {
                    meter.stop();
                    Pause.sleep(settings.stableMs());
                } else {
                    meter.begin();
                    Pause.sleep(settings.stableMs());
                    meter.stop();
                }
                Map<String, AgentStatus> later = cluster.statuses();
                Optional<String> still = Agreement.master(later, hosts);
                if (still.equals(m)) {
                    return m.get();
                }
                throw new IllegalStateException("agreement on " + m.get() + " did not hold for " + settings.stableMs()
                        + " ms (then: " + still.orElse("no agreement") + ")");
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no agreed master within " + SETTLE_TIMEOUT_MS + " ms");
            }
            Pause.sleep(POLL_MS);
        }
    }

    private static Map<String, List<JournalEvent>> events(InProcessCluster cluster, List<String> hosts) {
        Map<String, List<JournalEvent>> out = new LinkedHashMap<>();
        for (String h : hosts) {
            out.put(h, cluster.events(h, EVENT_LIMIT));
        }
        return out;
    }
}
