package io.openfdm.bench.failover;

import io.openfdm.bench.Pause;
import io.openfdm.bench.stats.Samples;
import io.openfdm.cli.agents.ClusterView;
import io.openfdm.cli.cluster.AgentLauncher;
import io.openfdm.cli.cluster.CurrentCluster;
import io.openfdm.cli.cluster.LayoutPlan;
import io.openfdm.cli.cluster.LayoutSpec;
import io.openfdm.cli.cluster.LocalCluster;
import io.openfdm.cli.cluster.LocalHost;
import io.openfdm.cli.demo.DemoCommand;
import io.openfdm.cli.demo.FailoverWatch;
import io.openfdm.cli.demo.Placement;
import io.openfdm.cli.demo.Protection;
import io.openfdm.core.status.HostStatus;
import io.openfdm.core.status.VmStatus;

import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Time from {@code kill -9} of a host to the first power-on request for its VMs and to all of
 * them running again, on a local cluster of agent processes started exactly as
 * {@code fdm cluster up} starts them ({@link LocalCluster}, {@link AgentLauncher}; one JVM per
 * host, real UDP on loopback, datastores as directories, the simulated hypervisor).
 *
 * <p>Per timing profile, one cluster; each round kills the slave running the most protected VMs
 * (as {@code fdm demo} picks it), waits until its VMs run again exactly once ({@link FailoverWatch}),
 * restarts the killed host's agent, waits until every host is connected and every VM protected,
 * then does the same with the master. The figures come from the surviving agents' journals
 * ({@link FailoverTiming}), what {@code fdm events --json} prints.
 */
public final class FailoverBench {
    /** Journal events fetched per agent; a round writes a few dozen per agent. */
    private static final int EVENT_LIMIT = 1000;
    private static final long RECOVERY_TIMEOUT_MS = 60_000;
    private static final long READY_TIMEOUT_MS = 60_000;
    private static final long POLL_MS = 200;

    /** Which host a round kills. */
    public enum Victim { SLAVE, MASTER }

    /**
     * @param profiles    timing profiles ({@code default}, {@code aggressive})
     * @param rounds      kills of each kind per profile
     * @param hosts       hosts per cluster
     * @param vms         VMs per cluster
     * @param workDir     directory for the cluster directories (kept; agent logs are there)
     * @param baseAddress address of host-1, e.g. {@code 127.0.2.101}
     */
    public record Settings(List<String> profiles, int rounds, int hosts, int vms, Path workDir, String baseAddress) {
    }

    /** One profile and victim kind: milliseconds after the kill, per round that recovered. */
    public record Result(String profile, Victim victim, Samples declaredDead, Samples newMaster, Samples firstRequest,
                         Samples allRunning, List<String> problems) {
    }

    private final Settings settings;
    private final PrintStream log;

    public FailoverBench(Settings settings, PrintStream log) {
        this.settings = settings;
        this.log = log;
    }

    public List<Result> run() {
        List<Result> results = new ArrayList<>();
        for (String profile : settings.profiles()) {
            Result slave = empty(profile, Victim.SLAVE);
            Result master = empty(profile, Victim.MASTER);
            runProfile(profile, slave, master);
            results.add(slave);
            results.add(master);
        }
        return results;
    }

    private static Result empty(String profile, Victim v) {
        return new Result(profile, v, new Samples(), new Samples(), new Samples(), new Samples(), new ArrayList<>());
    }

    private void runProfile(String profile, Result slave, Result master) {
        Path dir = settings.workDir().resolve("failover-" + profile);
        LayoutPlan plan = LayoutPlan.of(dir, new LayoutSpec(settings.hosts(), 2, settings.vms(), profile,
                settings.baseAddress(), "bench"), new SecureRandom());
        // Never touch the user's ~/.fdm/current: this cluster is recorded in the work directory.
        CurrentCluster current = new CurrentCluster(settings.workDir().resolve("fdm-home").resolve("current"), Map.of());
        AgentLauncher launcher = launcher();
        LocalCluster cluster = LocalCluster.up(plan, launcher, current, LocalCluster.UP_TIMEOUT_MS).cluster();
        try {
            for (int round = 1; round <= settings.rounds(); round++) {
                for (Result r : List.of(slave, master)) {
                    String name = profile + " " + r.victim().name().toLowerCase(java.util.Locale.ROOT) + " " + round;
                    try {
                        ClusterView ready = awaitReady(cluster);
                        kill(cluster, launcher, ready, r, name);
                    } catch (RuntimeException e) {
                        r.problems().add(name + ": " + e.getMessage());
                        log.printf("  %s: FAILED: %s%n", name, e.getMessage());
                        cluster.startAll(launcher);
                    }
                }
            }
        } finally {
            cluster.down(LocalCluster.DOWN_GRACE_MS);
        }
    }

    private void kill(LocalCluster cluster, AgentLauncher launcher, ClusterView ready, Result r, String name) {
        ClusterView.Answer masterView = ready.requirePreferred();
        String masterHost = masterView.status().host();
        String victim = r.victim() == Victim.MASTER ? masterHost : DemoCommand.pickSlave(masterView.status().vms(), masterHost);
        Set<String> expected = masterView.status().vms().stream()
                .filter(v -> v.protectedByHa() && Placement.POWERED_ON.equals(v.power()))
                .map(VmStatus::vm).collect(Collectors.toCollection(TreeSet::new));
        Set<String> victims = masterView.status().vms().stream()
                .filter(v -> v.protectedByHa() && Placement.POWERED_ON.equals(v.power()) && victim.equals(v.host()))
                .map(VmStatus::vm).collect(Collectors.toCollection(TreeSet::new));
        LocalHost host = cluster.dir().host(victim);

        long killMs = System.currentTimeMillis();
        cluster.processes().kill9(host).orElseThrow(() -> new IllegalStateException(victim + " was not running"));
        FailoverWatch.Result watched = FailoverWatch.watch(cluster, victim, expected, victims, killMs,
                r.victim() == Victim.MASTER, RECOVERY_TIMEOUT_MS);
        FailoverTiming t = FailoverTiming.of(cluster.events(EVENT_LIMIT), victim, victims, killMs);
        launcher.start(host);
        if (!watched.recovered()) {
            throw new IllegalStateException("not recovered within " + RECOVERY_TIMEOUT_MS + " ms: "
                    + String.join("; ", watched.problems()));
        }
        if (t.firstRequestMs() < 0 || t.allRunningMs() < 0) {
            throw new IllegalStateException("recovered, but the journals lack the power-on request or a power-on of "
                    + victims + ": " + t);
        }
        r.firstRequest().add(t.firstRequestMs());
        r.allRunning().add(t.allRunningMs());
        if (t.declaredDeadMs() >= 0) {
            r.declaredDead().add(t.declaredDeadMs());
        }
        if (r.victim() == Victim.MASTER && t.newMasterMs() >= 0) {
            r.newMaster().add(t.newMasterMs());
        }
        log.printf("  %s: kill -9 %s (%d VMs): declared dead %s, %sfirst power-on request %d ms, all running %d ms%n",
                name, victim, victims.size(), t.declaredDeadMs() < 0 ? "-" : t.declaredDeadMs() + " ms",
                r.victim() == Victim.MASTER ? "new master " + t.newMasterMs() + " ms, " : "",
                t.firstRequestMs(), t.allRunningMs());
    }

    /**
     * Waits until every host's agent answers and names the same master, the master sees every
     * host connected, and it lists all VMs powered on and protected.
     */
    private ClusterView awaitReady(LocalCluster cluster) {
        long deadline = System.nanoTime() + READY_TIMEOUT_MS * 1_000_000;
        cluster.awaitUp(cluster.dir().hosts(), true, READY_TIMEOUT_MS);
        while (true) {
            ClusterView view = Protection.await(cluster, settings.vms(), READY_TIMEOUT_MS);
            List<HostStatus> hosts = view.requirePreferred().status().hosts();
            boolean allConnected = hosts.size() == settings.hosts() && hosts.stream()
                    .allMatch(h -> "connectedToMaster".equals(h.state()) || "master".equals(h.state()));
            if (allConnected) {
                return view;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("hosts not all connected to the master within " + READY_TIMEOUT_MS
                        + " ms: " + hosts.stream().map(h -> h.host() + " " + h.state()).collect(Collectors.joining(", ")));
            }
            Pause.sleep(POLL_MS);
        }
    }

    /**
     * Agents run with this JVM's {@code java} and class path, as {@code fdm cluster up} starts them,
     * with every class path entry made absolute (an agent runs in its host's directory).
     */
    static AgentLauncher launcher() {
        String classpath = java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(e -> !e.isEmpty())
                .map(e -> Path.of(e).toAbsolutePath().normalize().toString())
                .collect(Collectors.joining(java.io.File.pathSeparator));
        return new AgentLauncher(classpath, Path.of(System.getProperty("java.home"), "bin", "java"));
    }
}
