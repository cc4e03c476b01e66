package io.openfdm.bench;

import io.openfdm.bench.election.ElectionBench;
import io.openfdm.bench.failover.FailoverBench;
import io.openfdm.bench.failover.FailoverBench.Victim;
import io.openfdm.bench.loss.FalseFailovers;
import io.openfdm.bench.loss.PacketLossBench;
import io.openfdm.bench.report.Machine;
import io.openfdm.bench.report.Report;
import io.openfdm.bench.sim.SimBench;
import io.openfdm.bench.stats.Samples;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code bench/run.sh}: runs the benchmarks and prints their figures as tables, then the issue's
 * targets with measured values. Exit status 0 when every run could be done (a missed target is a
 * result, not an error), 1 when a run failed (its reason is printed), 2 for bad options.
 *
 * <p>Addresses (the bench helper's loopback range 127.0.2.x): elections on 127.0.2.1-64, agent
 * processes on 127.0.2.101-, the packet-loss cluster on 127.0.2.201-.
 */
@Command(name = "bench/run.sh", mixinStandardHelpOptions = true, sortOptions = false,
        description = "OpenFDM benchmarks: election time, failover after kill -9, no false failover under packet loss.")
public final class BenchMain implements Callable<Integer> {
    static final Set<String> BENCHES = Set.of("election", "failover", "loss", "sim");

    @Option(names = "--quick", description = "fewer runs and shorter watches (about 3 minutes)")
    boolean quick;

    @Option(names = "--only", split = ",", paramLabel = "BENCH",
            description = "run only these: election, failover, loss, sim (default: all)")
    List<String> only;

    @Option(names = "--election-runs", paramLabel = "N", description = "runs per agent count (default 10, quick 3)")
    Integer electionRuns;

    @Option(names = "--failover-rounds", paramLabel = "N",
            description = "kills of a slave and of the master per timing profile (default 10, quick 2)")
    Integer failoverRounds;

    @Option(names = "--loss-seconds", paramLabel = "S",
            description = "how long the cluster is watched under 5%% loss, per profile (default 600, quick 45)")
    Integer lossSeconds;

    @Option(names = "--work-dir", paramLabel = "DIR", description = "where clusters and agent logs go (default: a new temporary directory)")
    Path workDir;

    @Option(names = "--markdown", paramLabel = "FILE", description = "also write the results as Markdown to FILE")
    Path markdown;

    private final PrintStream out = System.out;

    @Override
    public Integer call() throws IOException {
        if (only != null) {
            for (String b : only) {
                if (!BENCHES.contains(b)) {
                    throw new CommandLine.ParameterException(new CommandLine(this), "--only: unknown bench " + b
                            + " (known: election, failover, loss, sim)");
                }
            }
        }
        Path work = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("fdm-bench-");
        // bench-logback.xml sends the in-process agents' log here; set before the first logger exists.
        System.setProperty("bench.log", work.resolve("bench-agents.log").toString());
        Report report = new Report();
        report.line("machine: " + Machine.describe());
        report.line("mode:    " + (quick ? "--quick" : "full") + (only == null ? "" : " --only " + String.join(",", only)));
        report.line("load:    " + Machine.loadAverage() + " (1/5/15 min) at the start");
        out.println(report.text());
        out.printf("work directory (clusters, agent logs): %s%n", work);
        List<String> failures = new ArrayList<>();
        Targets targets = new Targets();

        if (wanted("election")) {
            election(report, work, targets, failures);
        }
        if (wanted("failover")) {
            failover(report, work, targets, failures);
        }
        if (wanted("loss")) {
            loss(report, work, targets, failures);
        }
        if (wanted("sim")) {
            sim(report, targets, failures);
        }
        targets.addTo(report);
        report.line("load:    " + Machine.loadAverage() + " (1/5/15 min) at the end");

        out.println();
        out.println("==================== results ====================");
        out.print(report.text());
        if (markdown != null) {
            Files.writeString(markdown, report.markdown(), StandardCharsets.UTF_8);
            out.printf("%nMarkdown written to %s%n", markdown);
        }
        if (!failures.isEmpty()) {
            out.printf("%n%d run(s) failed; logs in %s:%n", failures.size(), work);
            failures.forEach(f -> out.println("  " + f));
            return 1;
        }
        if (workDir == null) {
            deleteTree(work);
        }
        return 0;
    }

    private boolean wanted(String bench) {
        return only == null || only.contains(bench);
    }

    private void election(Report report, Path work, Targets targets, List<String> failures) {
        int runs = electionRuns != null ? electionRuns : quick ? 3 : 10;
        out.printf("%n== election: 4, 16 and 64 in-process agents, %d runs each ==%n", runs);
        ElectionBench bench = new ElectionBench(new ElectionBench.Settings(List.of(4, 16, 64), runs, work,
                "127.0.2.1", quick ? 500 : 1000), out);
        bench.warmUp();
        Report.Section s = report.section("Election: N agents in one JVM, real UDP on 127.0.2.1-N port 8182, default timers (seconds)",
                "AGENTS", "ELECTION", "RUNS", "MEDIAN", "P95", "MAX", "AGENTS STARTED OVER (MEDIAN)", "CPU CORES BUSY (MEDIAN)",
                "FAILED")
                .rightAligned("AGENTS", "RUNS", "MEDIAN", "P95", "MAX", "AGENTS STARTED OVER (MEDIAN)",
                        "CPU CORES BUSY (MEDIAN)", "FAILED");
        for (ElectionBench.Result r : bench.run()) {
            s.row(summaryRow(r.agents(), "cold start", r.coldStart(), r.startSpread(), r.idleCpuMillicores(),
                    r.problems().size()));
            s.row(summaryRow(r.agents(), "cold start, from the last agent's start", r.coldAfterLastStart(), null,
                    new Samples(), r.problems().size()));
            s.row(summaryRow(r.agents(), "re-election after the master resigns", r.reelection(), null,
                    r.reelectionCpuMillicores(), r.problems().size()));
            failures.addAll(r.problems());
            if (r.agents() == 64) {
                targets.election64 = Optional.of(r);
            }
        }
        s.note("Cold start: all N agents started at once; from the first agent's `election started` to the last agent's"
                + " decision (journal times), so it includes how far apart the agents came up (AGENTS STARTED OVER);"
                + " the next row counts from the last agent's `election started` instead.");
        s.note("Re-election: the master stops cleanly and resigns; the other N-1 agents start an election at the same"
                + " moment; from the first survivor's `election started` to the last survivor's decision.");
        s.note("CPU CORES BUSY: this JVM's CPU time over wall time; on the cold-start row while the settled cluster idles,"
                + " on the re-election row from the resignation until the agreement was seen (polled every 100 ms).");
    }

    private static Object[] summaryRow(int agents, String kind, Samples s, Samples spread, Samples millicores, int failed) {
        if (s.isEmpty()) {
            return new Object[]{agents, kind, 0, null, null, null, null, null, failed};
        }
        return new Object[]{agents, kind, s.count(), Samples.seconds(s.medianMs()), Samples.seconds(s.p95Ms()),
                Samples.seconds(s.maxMs()), spread == null || spread.isEmpty() ? null : Samples.seconds(spread.medianMs()),
                millicores.isEmpty() ? null : String.format(Locale.ROOT, "%.2f", millicores.medianMs() / 1000.0), failed};
    }

    private void failover(Report report, Path work, Targets targets, List<String> failures) {
        int rounds = failoverRounds != null ? failoverRounds : quick ? 2 : 10;
        out.printf("%n== failover: kill -9 of a slave and of the master, 4 agent processes, %d rounds per profile ==%n", rounds);
        FailoverBench bench = new FailoverBench(new FailoverBench.Settings(List.of("default", "aggressive"), rounds, 4, 12,
                work, "127.0.2.101"), out);
        Report.Section s = report.section("Failover: 4 agent processes as `fdm cluster up` starts them, 2 datastores,"
                        + " 12 VMs; seconds after kill -9",
                "PROFILE", "KILLED", "RUNS", "DECLARED DEAD", "NEW MASTER", "FIRST POWER-ON REQUEST median / p95 / max",
                "ALL ITS VMS RUNNING median / p95 / max", "FAILED")
                .rightAligned("RUNS", "DECLARED DEAD", "NEW MASTER", "FAILED");
        for (FailoverBench.Result r : bench.run()) {
            s.row(r.profile(), r.victim() == Victim.SLAVE ? "slave" : "master", r.firstRequest().count(),
                    median(r.declaredDead()), median(r.newMaster()), triple(r.firstRequest()), triple(r.allRunning()),
                    r.problems().size());
            failures.addAll(r.problems());
            if (r.profile().equals("default")) {
                if (r.victim() == Victim.SLAVE) {
                    targets.slaveDefault = Optional.of(r);
                } else {
                    targets.masterDefault = Optional.of(r);
                }
            }
        }
        s.note("From the surviving agents' journals (`fdm events --json`): DECLARED DEAD is the master's `declared dead`,"
                + " NEW MASTER the first `became master`, FIRST POWER-ON REQUEST the first `power-on requested` of one of"
                + " the killed host's VMs, ALL ITS VMS RUNNING the last of their `powered on` on the target hosts.");
    }

    private void loss(Report report, Path work, Targets targets, List<String> failures) {
        long watchMs = 1000L * (lossSeconds != null ? lossSeconds : quick ? 45 : 600);
        List<String> profiles = quick ? List.of("default") : List.of("default", "aggressive");
        out.printf("%n== packet loss: 8 in-process agents, 5%% of datagrams dropped, watched %d s per profile ==%n", watchMs / 1000);
        PacketLossBench bench = new PacketLossBench(out);
        Report.Section s = report.section("No false failover at 5% packet loss: 8 agents in one JVM, real UDP on"
                        + " 127.0.2.201-208, a loss layer around each agent's transport, 16 VMs",
                "PROFILE", "WATCHED", "DATAGRAMS", "DROPPED", "ELECTIONS", "SUSPICIONS", "DECLARED DEAD",
                "RESTART REQUESTS", "LEASE LOSSES", "VMS MOVED")
                .rightAligned("DATAGRAMS", "DROPPED", "ELECTIONS", "SUSPICIONS", "DECLARED DEAD", "RESTART REQUESTS",
                        "LEASE LOSSES", "VMS MOVED");
        int port = 201;
        for (String profile : profiles) {
            PacketLossBench.Result r = bench.run(new PacketLossBench.Settings(profile, 8, 16, 0.05, watchMs, work,
                    "127.0.2." + port, 42));
            port += 10;
            FalseFailovers a = r.alarms();
            s.row(profile, watchMs / 1000 + " s", r.offered(),
                    String.format(Locale.ROOT, "%d (%.2f%%)", r.dropped(), r.offered() == 0 ? 0.0 : 100.0 * r.dropped() / r.offered()),
                    a.elections(), a.suspicions(), a.declaredDead(), a.restartRequests(), a.leaseLosses(), r.vmsMoved().size());
            r.problem().ifPresent(p -> failures.add("loss " + profile + ": " + p));
            if (profile.equals("default")) {
                targets.lossDefault = Optional.of(r);
            }
        }
        s.note("SUSPICIONS: the master saw a host's network heartbeats stop (`isolated or partitioned`); a host is"
                + " restarted only when its datastore heartbeat stops too. DATAGRAMS: sent to other agents during the watch.");
    }

    private void sim(Report report, Targets targets, List<String> failures) {
        int quietSeeds = quick ? 4 : 20;
        long quietMs = quick ? 600_000 : 3_600_000;
        int failoverSeeds = quick ? 20 : 100;
        int electionSeeds = quick ? 5 : 20;
        out.printf("%n== simulator: %d seeds x %d s virtual at 5%% loss; failovers over %d seeds ==%n", quietSeeds,
                quietMs / 1000, failoverSeeds);
        SimBench bench = new SimBench(8, 16, "default");
        long t0 = System.nanoTime();
        SimBench.QuietResult q = bench.quiet(quietSeeds, quietMs, 0.05);
        long quietWallMs = (System.nanoTime() - t0) / 1_000_000;
        FalseFailovers a = q.alarms();
        out.printf("  quiet: %d seeds, %s virtual each, in %d ms: restart requests %d, suspicions %d, elections %d%n",
                q.seeds(), quietMs / 1000 + " s", quietWallMs, a.restartRequests(), a.suspicions(), a.elections());
        Report.Section s = report.section("Simulator (fdm-sim, virtual time): 8 hosts, 2 datastores, 16 VMs, default timers,"
                        + " 1 ms latency; checkers on after every event",
                "RUN", "SEEDS", "DROPPED", "SUSPICIONS", "DECLARED DEAD", "RESTART REQUESTS", "ELECTIONS", "INVARIANT FAILURES")
                .rightAligned("SEEDS", "SUSPICIONS", "DECLARED DEAD", "RESTART REQUESTS", "ELECTIONS", "INVARIANT FAILURES");
        s.row("healthy, 5% loss, " + quietMs / 60_000 + " min virtual per seed (after a 20 s warm-up)", q.seeds(),
                String.format(Locale.ROOT, "%d of %d", q.dropped(), q.sent()), a.suspicions(), a.declaredDead(),
                a.restartRequests(), a.elections(), q.failures().size());
        failures.addAll(q.failures());
        targets.lossSim = Optional.of(q);

        Report.Section e = report.section("Simulator elections: N hosts, no VMs, default timers; virtual seconds",
                "AGENTS", "ELECTION", "SEEDS", "MEDIAN", "P95", "MAX", "FAILED")
                .rightAligned("AGENTS", "SEEDS", "MEDIAN", "P95", "MAX", "FAILED");
        for (int n : List.of(4, 16, 64)) {
            SimBench.ElectionResult r = bench.election(n, electionSeeds);
            out.printf("  election of %d: cold start %s, re-election %s, %d failed%n", n, triple(r.coldStart()),
                    triple(r.reelection()), r.failures().size());
            e.row(n, "cold start", r.coldStart().count(), median(r.coldStart()), p95(r.coldStart()), max(r.coldStart()),
                    r.failures().size());
            e.row(n, "re-election after the master resigns", r.reelection().count(), median(r.reelection()),
                    p95(r.reelection()), max(r.reelection()), r.failures().size());
            failures.addAll(r.failures());
        }

        Report.Section f = report.section("Simulator failover: host powered off at 30 s virtual; virtual seconds after the crash",
                "KILLED", "LOSS", "SEEDS", "FIRST POWER-ON REQUEST median / p95 / max", "ALL ITS VMS RUNNING median / p95 / max",
                "FAILED").rightAligned("SEEDS", "FAILED");
        for (Victim v : Victim.values()) {
            for (double loss : new double[]{0.0, 0.05}) {
                SimBench.FailoverResult r = bench.failover(failoverSeeds, loss, v);
                out.printf("  %s crash at %.0f%% loss: first request %s, all running %s, %d failed%n",
                        v.name().toLowerCase(Locale.ROOT), loss * 100, triple(r.firstRequest()), triple(r.allRunning()),
                        r.failures().size());
                f.row(v.name().toLowerCase(Locale.ROOT), String.format(Locale.ROOT, "%.0f%%", loss * 100),
                        r.firstRequest().count(), triple(r.firstRequest()), triple(r.allRunning()), r.failures().size());
                failures.addAll(r.failures());
            }
        }
        f.note("The simulator runs the production state machines without real I/O, threads or the wire codec:"
                + " these are the protocol's own times, free of this machine's load.");
    }

    private static String median(Samples s) {
        return s.isEmpty() ? null : Samples.seconds(s.medianMs());
    }

    private static String p95(Samples s) {
        return s.isEmpty() ? null : Samples.seconds(s.p95Ms());
    }

    private static String max(Samples s) {
        return s.isEmpty() ? null : Samples.seconds(s.maxMs());
    }

    private static String triple(Samples s) {
        return s.isEmpty() ? "-" : Samples.seconds(s.medianMs()) + " / " + Samples.seconds(s.p95Ms()) + " / "
                + Samples.seconds(s.maxMs());
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary directory is harmless
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchMain()).execute(args));
    }
}
