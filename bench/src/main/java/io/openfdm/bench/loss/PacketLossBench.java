package io.openfdm.bench.loss;

import io.openfdm.bench.Pause;
import io.openfdm.bench.election.Agreement;
import io.openfdm.bench.inprocess.InProcessCluster;
import io.openfdm.cli.cluster.LayoutPlan;
import io.openfdm.cli.cluster.LayoutSpec;
import io.openfdm.core.journal.JournalEvent;
import io.openfdm.core.status.AgentStatus;
import io.openfdm.core.status.VmStatus;

import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * No false failover under packet loss: a healthy cluster of real agents over real UDP
 * ({@link InProcessCluster}), every agent sending through a {@link LossyTransport} that drops a
 * share of its datagrams, watched for a sustained period. Any election, host suspicion, lease loss
 * or restart request in that period is a false alarm ({@link FalseFailovers}); the VMs must also
 * still run where they ran.
 *
 * <p>Loss is on from the first datagram; the watch starts once a master is agreed and every VM is
 * protected.
 */
public final class PacketLossBench {
    private static final int EVENT_LIMIT = 5000;
    private static final long READY_TIMEOUT_MS = 60_000;
    private static final long POLL_MS = 200;

    /**
     * @param profile         timing profile
     * @param hosts           hosts
     * @param vms             VMs
     * @param lossProbability share of datagrams dropped, 0..1
     * @param watchMs         how long the healthy cluster is watched, milliseconds
     * @param workDir         directory for the cluster directory
     * @param baseAddress     address of host-1, e.g. {@code 127.0.2.201}
     * @param seed            seeds the drop decisions (host i uses seed + i)
     */
    public record Settings(String profile, int hosts, int vms, double lossProbability, long watchMs, Path workDir,
                           String baseAddress, long seed) {
    }

    /**
     * @param settings   what was run
     * @param offered    datagrams to other hosts during the watch
     * @param dropped    of those, dropped by the loss layer
     * @param alarms     false alarms during the watch
     * @param vmsMoved   VMs that no longer run where they ran at the start of the watch
     * @param problem    why the run could not be done, or empty
     */
    public record Result(Settings settings, long offered, long dropped, FalseFailovers alarms, List<String> vmsMoved,
                         Optional<String> problem) {
        public boolean clean() {
            return problem.isEmpty() && alarms.none() && vmsMoved.isEmpty();
        }
    }

    private final PrintStream log;

    public PacketLossBench(PrintStream log) {
        this.log = log;
    }

    public Result run(Settings s) {
        Map<String, LossyTransport> layers = new ConcurrentHashMap<>();
        LayoutPlan plan = LayoutPlan.of(s.workDir().resolve("loss-" + s.profile()),
                new LayoutSpec(s.hosts(), 2, s.vms(), s.profile(), s.baseAddress(), "bench"), new SecureRandom());
        try (InProcessCluster cluster = InProcessCluster.start(plan, host -> LossyTransport.layer(host, s.lossProbability(),
                s.seed() + Integer.parseInt(host.moid().substring("host-".length())), t -> layers.put(host.moid(), t)))) {
            AgentStatus master = awaitReady(cluster, s);
            Map<String, String> placed = placement(master);
            long offered0 = layers.values().stream().mapToLong(LossyTransport::offered).sum();
            long dropped0 = layers.values().stream().mapToLong(LossyTransport::dropped).sum();
            long startMs = System.currentTimeMillis();
            log.printf("  loss %s: %d agents, %d VMs, master %s; watching for %d s at %.0f%% loss ...%n", s.profile(),
                    s.hosts(), s.vms(), master.host(), s.watchMs() / 1000, s.lossProbability() * 100);
            Pause.sleep(s.watchMs());
            long offered = layers.values().stream().mapToLong(LossyTransport::offered).sum() - offered0;
            long dropped = layers.values().stream().mapToLong(LossyTransport::dropped).sum() - dropped0;
            List<JournalEvent> events = new ArrayList<>();
            for (String h : cluster.hosts()) {
                events.addAll(cluster.events(h, EVENT_LIMIT));
            }
            FalseFailovers alarms = FalseFailovers.count(events.stream().filter(e -> e.wallMs() >= startMs).toList());
            Map<String, AgentStatus> end = cluster.statuses();
            Map<String, String> now = Agreement.master(end, cluster.hosts()).map(m -> placement(end.get(m))).orElse(Map.of());
            List<String> moved = placed.entrySet().stream().filter(e -> !e.getValue().equals(now.get(e.getKey())))
                    .map(e -> e.getKey() + " " + e.getValue() + " -> " + now.getOrDefault(e.getKey(), "?")).toList();
            log.printf("  loss %s: %d of %d datagrams dropped (%.2f%%); elections %d, suspicions %d, declared dead %d,"
                            + " restart requests %d, lease losses %d, VMs moved %d%n", s.profile(), dropped, offered,
                    offered == 0 ? 0.0 : 100.0 * dropped / offered, alarms.elections(), alarms.suspicions(),
                    alarms.declaredDead(), alarms.restartRequests(), alarms.leaseLosses(), moved.size());
            alarms.lines().forEach(l -> log.printf("    %s%n", l));
            return new Result(s, offered, dropped, alarms, moved, Optional.empty());
        } catch (RuntimeException e) {
            log.printf("  loss %s: FAILED: %s%n", s.profile(), e.getMessage());
            return new Result(s, 0, 0, FalseFailovers.count(List.of()), List.of(), Optional.of(e.getMessage()));
        }
    }

    /** Waits for an agreed master that sees every host connected and protects every VM, powered on. */
    private static AgentStatus awaitReady(InProcessCluster cluster, Settings s) {
        long deadline = System.nanoTime() + READY_TIMEOUT_MS * 1_000_000;
        String why = "no agreed master";
        while (System.nanoTime() < deadline) {
            Map<String, AgentStatus> statuses = cluster.statuses();
            Optional<String> m = Agreement.master(statuses, cluster.hosts());
            if (m.isPresent()) {
                AgentStatus master = statuses.get(m.get());
                long on = master.vms().stream().filter(v -> v.protectedByHa() && "poweredOn".equals(v.power())).count();
                boolean connected = master.hosts().size() == s.hosts() && master.hosts().stream()
                        .allMatch(h -> "connectedToMaster".equals(h.state()) || "master".equals(h.state()));
                if (on == s.vms() && connected) {
                    return master;
                }
                why = on + " of " + s.vms() + " VMs protected and on, hosts: " + master.hosts().stream()
                        .map(h -> h.host() + " " + h.state()).collect(Collectors.joining(", "));
            }
            Pause.sleep(POLL_MS);
        }
        throw new IllegalStateException("cluster not ready within " + READY_TIMEOUT_MS + " ms: " + why);
    }

    private static Map<String, String> placement(AgentStatus master) {
        Map<String, String> out = new TreeMap<>();
        for (VmStatus v : master.vms()) {
            if ("poweredOn".equals(v.power())) {
                out.put(v.vm(), v.host());
            }
        }
        return out;
    }
}
