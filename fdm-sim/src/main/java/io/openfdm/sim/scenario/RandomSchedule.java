package io.openfdm.sim.scenario;

import io.openfdm.core.config.HaPolicy;
import io.openfdm.core.config.IsolationPolicy;
import io.openfdm.core.config.IsolationResponse;
import io.openfdm.core.config.RestartPolicy;
import io.openfdm.core.model.HostId;
import io.openfdm.core.model.RestartPriority;
import io.openfdm.core.model.VmId;
import io.openfdm.datastore.HaPaths;
import io.openfdm.sim.scenario.ClusterDescription.HostDescription;
import io.openfdm.sim.scenario.ClusterDescription.VmDescription;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Generates a random but reproducible story from a seed, for the seeded random tier (TigerBeetle's
 * VOPR in miniature): 3 to 5 hosts on two datastores, a few VMs, and each host's monotonic clock
 * drifting up to {@value #MAX_DRIFT_PERCENT} % from second 0. Then, during a fault window
 * (second 5 to {@link #FAULT_WINDOW_END_MS}), every 0.5 to 4 s one of:
 * <ul>
 *   <li>host power loss, graceful shutdown, or power-on of a down host;</li>
 *   <li>packet loss (0 to {@value #MAX_LOSS_PERCENT} %), jitter (0 to {@value #MAX_JITTER_MS} ms)
 *       and delay spikes (up to {@value #MAX_SPIKE_MS} ms for up to 20 % of datagrams), so
 *       datagrams overtake each other;</li>
 *   <li>a partition into 2 to n groups of any sizes, or one host's cables pulled (isolation),
 *       for up to {@link #MAX_PARTITION_MS};</li>
 *   <li>one host losing one datastore, or all paths down of a datastore, for up to
 *       {@link #MAX_STORAGE_LOSS_MS};</li>
 *   <li>slow datastore I/O of one host on one datastore (each call takes
 *       {@value #MIN_SLOW_IO_MS} to {@value #MAX_SLOW_IO_MS} ms on that datastore's worker), or of all its datastores at once
 *       (or its only one: up to {@value #MAX_SLOW_IO_ALL_MS} ms), for up to {@link #MAX_SLOW_MS};</li>
 *   <li>a wall-clock jump of one host of up to an hour either way;</li>
 *   <li>a torn file: the protectedlist, the lease or a host's heartbeat or poweron file truncated
 *       (never both the lease and the protectedlist of one datastore: they are the only two
 *       records of the lease generation);</li>
 *   <li>{@code crash-at}: a host loses power, or only its agent dies (restarted by the watchdog
 *       after 0.1 to 1.5 s), at its k-th (1 to 8) datastore write (torn or completed) or send.</li>
 * </ul>
 * At {@link #FAULT_WINDOW_END_MS} every fault is repaired (network healed and calm, storage back,
 * I/O fast; powered-off hosts stay down, drift stays), and a quiet period of {@link #QUIET_MS}
 * follows in which the cluster must settle with every protected VM running exactly once.
 *
 * <p><b>Drawn from a second random stream</b> ({@link Extras}, seeded from the seed and
 * {@link #EXTRAS_SALT}), so that the faults above stay what they were for every seed:
 * <ul>
 *   <li>the cluster's isolation response: leave powered on, power off or shut down (one in three
 *       each; shut down with a {@code shutdown-timeout} of {@value #MIN_SHUTDOWN_TIMEOUT_S} to
 *       {@value #MAX_SHUTDOWN_TIMEOUT_S} s, around the simulated guest's 10 s shutdown);</li>
 *   <li>in one seed in {@value #LONG_ISOLATION_ONE_IN}, a <em>long isolation</em>: one host's
 *       cables pulled for {@link #MIN_LONG_ISOLATION_MS} to {@link #MAX_LONG_ISOLATION_MS}, long
 *       enough for the 30 s isolation policy delay to run out, so the response is applied (or the
 *       isolation ends just before or after it);</li>
 *   <li>in one seed in {@value #AGENT_OUTAGE_ONE_IN}, a <em>long agent outage</em>: one host's
 *       agent stopped ({@code agent h stop}) for {@link #MIN_AGENT_OUTAGE_MS} to
 *       {@link #MAX_AGENT_OUTAGE_MS} while the host and its VMs run on: the master must classify the
 *       host {@code fdmUnreachable} (its address answers) and restart nothing. It starts in the
 *       first {@link #AGENT_OUTAGE_START_SPREAD_MS} after the fault window, where the host's address
 *       answers (never the host of the long isolation): a host whose agent is down and whose address
 *       does not answer is a dead host to HA (VMware too), and without VMFS-like disk locks its VMs
 *       would run twice, which is a known exposure and not this fault's subject.</li>
 * </ul>
 * The host of a long isolation gets no shorter cable pull inside its isolation, and no cable
 * plugged back in at the end of the fault window; those commands are left out while the main
 * stream's draws stay the same. (An {@code agent} command for a host that is powered off, or
 * whose agent a {@code crash-at} already stopped or a watchdog already restarted, does nothing.) The run then lasts until {@link #QUIET_MS} after the last
 * of these ends, which may be after {@link #FAULT_WINDOW_END_MS}.
 *
 * <p>Limits: at least one host is always powered on (a host with an armed {@code crash-at power}
 * counts as down, and no other power command is sent to it afterwards).
 */
public final class RandomSchedule {
    /** Faults happen between second 5 and this, milliseconds. */
    public static final long FAULT_WINDOW_END_MS = 30_000;
    /**
     * The random tier's retry schedule: attempts at 0, 1, 3, 7 and 15 s (a 1 s backoff, doubling),
     * so that a failed power-on is retried within a run; VMware's T0, T2m, T6m schedule (the
     * default) would leave it for minutes.
     */
    public static final RestartPolicy RESTART_POLICY = RestartPolicy.withSchedule(RestartPolicy.doublingSchedule(1_000, 5));

    /** Quiet time after the fault window for detection, election and restarts, milliseconds. */
    public static final long QUIET_MS = 20_000;
    /** Longest partition or pulled cable, milliseconds. */
    public static final long MAX_PARTITION_MS = 4_000;
    /** Longest loss of a datastore (one host, or all paths down), milliseconds. */
    public static final long MAX_STORAGE_LOSS_MS = 6_000;
    /** Longest slow-I/O episode, milliseconds. */
    public static final long MAX_SLOW_MS = 6_000;
    /**
     * Fastest and slowest datastore call of a slow-I/O episode on one datastore of a host that has
     * others, milliseconds: up to 2 s a call, as an NFS server or array under stress answers.
     * Datastore calls run on workers off the agent thread, so a slow datastore delays neither
     * heartbeats nor elections nor the other datastores.
     */
    public static final long MIN_SLOW_IO_MS = 20;
    public static final long MAX_SLOW_IO_MS = 2_000;
    /**
     * Slowest call when every datastore of the host is slow at once (or its only one),
     * milliseconds. The limit is no longer the agent thread but the datastore heartbeat: a host
     * whose every heartbeat write takes about {@code datastoreHeartbeatTimeoutMs} (2 s) cannot
     * show it is alive on storage, and if it is also cut off from the master it is declared dead
     * while its VMs run (docs/failure-semantics/random-tier.md, "Limits").
     */
    public static final long MAX_SLOW_IO_ALL_MS = 1_000;
    public static final int MAX_LOSS_PERCENT = 30;
    public static final long MAX_JITTER_MS = 50;
    public static final long MAX_SPIKE_MS = 1_500;
    public static final double MAX_DRIFT_PERCENT = 5.0;
    /** Largest wall-clock jump, milliseconds (one hour). */
    public static final long MAX_WALL_JUMP_MS = 3_600_000;
    /** Salt of the second random stream ({@link Extras}): {@code seed ^ EXTRAS_SALT}. */
    static final long EXTRAS_SALT = 0x2B7E151628AED2A6L;
    /** One seed in this many has a long isolation. */
    public static final int LONG_ISOLATION_ONE_IN = 4;
    /** Shortest and longest long isolation, milliseconds (the policy delay is 30 s). */
    public static final long MIN_LONG_ISOLATION_MS = 25_000;
    public static final long MAX_LONG_ISOLATION_MS = 45_000;
    /** One seed in this many has a long agent outage. */
    public static final int AGENT_OUTAGE_ONE_IN = 5;
    /** Shortest and longest long agent outage, milliseconds (the failure timeouts are 2 s). */
    public static final long MIN_AGENT_OUTAGE_MS = 3_000;
    public static final long MAX_AGENT_OUTAGE_MS = 60_000;
    /** A long agent outage starts this much after the fault window at the latest, milliseconds. */
    public static final long AGENT_OUTAGE_START_SPREAD_MS = 5_000;
    /** Shortest and longest {@code shutdown-timeout} under the response "shut down", seconds. */
    public static final int MIN_SHUTDOWN_TIMEOUT_S = 5;
    public static final int MAX_SHUTDOWN_TIMEOUT_S = 20;
    /** No {@code crash-at} is armed later than this before the end of the fault window, ms. */
    static final long CRASH_ARM_MARGIN_MS = 10_000;

    /**
     * @param cluster  the generated cluster (its seed is the given one)
     * @param commands the generated commands
     * @param cmdlist  the commands as {@code cmdlist} text, to print with a failure
     */
    public record Generated(ClusterDescription cluster, CommandList commands, String cmdlist) {
    }

    private RandomSchedule() {
    }

    /**
     * The choices of the second random stream (see the class comment).
     *
     * @param isolationResponse the cluster's {@code ha.isolationResponse}
     * @param shutdownTimeoutMs {@code ha.isolation.shutdownTimeoutMs} (VMware's default unless the
     *                          response is "shut down")
     * @param isolatedHost      the host of the long isolation, or null when there is none
     * @param isolationFromMs   its cables are pulled at this time, milliseconds
     * @param isolationToMs     and plugged back in at this time, milliseconds
     * @param agentOutageHost   the host of the long agent outage, or null when there is none
     * @param agentStopMs       its agent is stopped at this time, milliseconds
     * @param agentStartMs      and started again at this time, milliseconds
     */
    public record Extras(IsolationResponse isolationResponse, long shutdownTimeoutMs,
                         HostId isolatedHost, long isolationFromMs, long isolationToMs,
                         HostId agentOutageHost, long agentStopMs, long agentStartMs) {

        /** The choices for {@code seed} in a cluster of {@code hostCount} hosts {@code host-1..n}. */
        static Extras draw(long seed, int hostCount) {
            SplittableRandom x = new SplittableRandom(seed ^ EXTRAS_SALT);
            IsolationResponse response = IsolationResponse.values()[x.nextInt(IsolationResponse.values().length)];
            long shutdownMs = 1000L * (MIN_SHUTDOWN_TIMEOUT_S + x.nextInt(MAX_SHUTDOWN_TIMEOUT_S - MIN_SHUTDOWN_TIMEOUT_S + 1));
            HostId isolated = null;
            long isoFrom = 0;
            long isoTo = 0;
            if (x.nextInt(LONG_ISOLATION_ONE_IN) == 0) {
                isolated = HostId.of("host-" + (1 + x.nextInt(hostCount)));
                isoFrom = 5_000 + x.nextLong(FAULT_WINDOW_END_MS - 10_000);
                isoTo = isoFrom + MIN_LONG_ISOLATION_MS + x.nextLong(MAX_LONG_ISOLATION_MS - MIN_LONG_ISOLATION_MS + 1);
            }
            HostId agentHost = null;
            long stop = 0;
            long start = 0;
            if (x.nextInt(AGENT_OUTAGE_ONE_IN) == 0) {
                int i = 1 + x.nextInt(hostCount);
                if (isolated != null && isolated.equals(HostId.of("host-" + i))) {
                    i = i % hostCount + 1; // the isolated host's address does not answer
                }
                agentHost = HostId.of("host-" + i);
                stop = FAULT_WINDOW_END_MS + x.nextLong(AGENT_OUTAGE_START_SPREAD_MS + 1);
                start = stop + MIN_AGENT_OUTAGE_MS + x.nextLong(MAX_AGENT_OUTAGE_MS - MIN_AGENT_OUTAGE_MS + 1);
            }
            return new Extras(response, response == IsolationResponse.SHUTDOWN ? shutdownMs
                    : IsolationPolicy.DEFAULT_SHUTDOWN_TIMEOUT_MS, isolated, isoFrom, isoTo, agentHost, stop, start);
        }

        /** The cluster's HA policy: vSphere's defaults (unchanged text) for "leave powered on". */
        HaPolicy haPolicy() {
            if (isolationResponse == IsolationResponse.NONE) {
                return HaPolicy.defaults();
            }
            IsolationPolicy d = IsolationPolicy.defaults();
            return new HaPolicy(true, isolationResponse, true, new IsolationPolicy(d.isolationAddresses(),
                    d.useDefaultIsolationAddress(), d.policyDelayMs(), shutdownTimeoutMs));
        }

        /** True when {@code h} is the host of the long isolation and {@code [fromMs, toMs]} overlaps it. */
        boolean isolates(HostId h, long fromMs, long toMs) {
            return h.equals(isolatedHost) && fromMs <= isolationToMs && toMs >= isolationFromMs;
        }
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
        Extras extras = Extras.draw(seed, hostCount);
        ClusterDescription cluster = new ClusterDescription("c1", seed, "default", List.of("ds-1", "ds-2"), hosts, vms,
                extras.haPolicy(), List.of(), RESTART_POLICY);
        Gen gen = new Gen(r, cluster, extras);
        gen.run();
        List<CommandList.Timed> out = gen.out;
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

    /** The generator's state while it walks through the fault window. */
    private static final class Gen {
        final SplittableRandom r;
        final ClusterDescription cluster;
        final Extras extras;
        final List<HostDescription> hosts;
        final List<CommandList.Timed> out = new ArrayList<>();
        final TreeSet<HostId> down = new TreeSet<>();
        /** Hosts with a crash-at: no power command and no second crash-at for them. */
        final Set<HostId> crashArmed = new HashSet<>();
        long partitionEndsMs = Long.MIN_VALUE;
        /** "ds path" of the lease and protectedlist files torn so far. */
        final Set<String> generationFileTorn = new HashSet<>();

        Gen(SplittableRandom r, ClusterDescription cluster, Extras extras) {
            this.r = r;
            this.cluster = cluster;
            this.extras = extras;
            this.hosts = cluster.hosts();
        }

        void at(long atMs, Command c) {
            out.add(new CommandList.Timed(atMs, c, 0));
        }

        void run() {
            for (HostDescription h : hosts) {
                if (r.nextInt(3) > 0) {
                    double percent = Math.round((r.nextDouble() * 2 - 1) * MAX_DRIFT_PERCENT * 10) / 10.0;
                    at(0, new Command.Drift(h.id(), percent));
                }
            }
            long t = 5_000;
            while (true) {
                t += 500 + r.nextLong(3_500);
                if (t >= FAULT_WINDOW_END_MS) {
                    break;
                }
                step(t);
            }
            repairAll(FAULT_WINDOW_END_MS);
            if (extras.isolatedHost() != null) {
                at(extras.isolationFromMs(), new Command.Network(extras.isolatedHost(), false));
                at(extras.isolationToMs(), new Command.Network(extras.isolatedHost(), true));
            }
            if (extras.agentOutageHost() != null) {
                at(extras.agentStopMs(), new Command.Agent(extras.agentOutageHost(), false));
                at(extras.agentStartMs(), new Command.Agent(extras.agentOutageHost(), true));
            }
        }

        private void step(long t) {
            HostDescription hd = hosts.get(r.nextInt(hosts.size()));
            HostId h = hd.id();
            int kind = r.nextInt(100);
            if (kind < 22) {
                power(t, h, kind);
            } else if (kind < 30) {
                at(t, new Command.Loss(r.nextInt(MAX_LOSS_PERCENT / 5 + 1) * 5 / 100.0));
            } else if (kind < 36) {
                at(t, new Command.Jitter(r.nextLong(MAX_JITTER_MS + 1)));
                at(t, new Command.Spike(r.nextInt(5) * 5 / 100.0, r.nextLong(MAX_SPIKE_MS + 1)));
            } else if (kind < 48) {
                partition(t);
            } else if (kind < 52) {
                long endMs = end(t, MAX_PARTITION_MS);
                if (!extras.isolates(h, t, endMs)) {
                    at(t, new Command.Network(h, false));
                    at(endMs, new Command.Network(h, true));
                }
            } else if (kind < 60) {
                String ds = hd.datastores().get(r.nextInt(hd.datastores().size()));
                at(t, new Command.Storage(h, ds, false));
                at(end(t, MAX_STORAGE_LOSS_MS), new Command.Storage(h, ds, true));
            } else if (kind < 64) {
                String ds = cluster.datastores().get(r.nextInt(cluster.datastores().size()));
                at(t, new Command.AllPathsDown(ds, false));
                at(end(t, MAX_STORAGE_LOSS_MS), new Command.AllPathsDown(ds, true));
            } else if (kind < 72) {
                long endMs = end(t, MAX_SLOW_MS);
                if (hd.datastores().size() > 1 && r.nextInt(3) == 0) {
                    long latencyMs = MIN_SLOW_IO_MS + r.nextLong(MAX_SLOW_IO_ALL_MS - MIN_SLOW_IO_MS + 1);
                    for (String ds : hd.datastores()) {
                        at(t, new Command.SlowIo(h, ds, latencyMs));
                        at(endMs, new Command.SlowIo(h, ds, 0));
                    }
                } else {
                    String ds = hd.datastores().get(r.nextInt(hd.datastores().size()));
                    long maxMs = hd.datastores().size() > 1 ? MAX_SLOW_IO_MS : MAX_SLOW_IO_ALL_MS;
                    at(t, new Command.SlowIo(h, ds, MIN_SLOW_IO_MS + r.nextLong(maxMs - MIN_SLOW_IO_MS + 1)));
                    at(endMs, new Command.SlowIo(h, ds, 0));
                }
            } else if (kind < 77) {
                long jump = (r.nextLong(2 * MAX_WALL_JUMP_MS / 1000 + 1) - MAX_WALL_JUMP_MS / 1000) * 1000;
                at(t, new Command.WallJump(h, jump));
            } else if (kind < 84) {
                tear(t);
            } else if (kind < 94) {
                crashAt(t, h);
            } else if (down.contains(h) && !crashArmed.contains(h)) {
                at(t, new Command.Power(h, true));
                down.remove(h);
            }
        }

        private long end(long t, long maxMs) {
            return Math.min(FAULT_WINDOW_END_MS, t + 500 + r.nextLong(maxMs - 500));
        }

        private void power(long t, HostId h, int kind) {
            if (crashArmed.contains(h)) {
                return;
            }
            if (down.contains(h)) {
                at(t, new Command.Power(h, true));
                down.remove(h);
            } else if (down.size() < hosts.size() - 1) {
                at(t, kind < 5 ? new Command.Shutdown(h) : new Command.Power(h, false));
                down.add(h);
            }
        }

        private void partition(long t) {
            if (t < partitionEndsMs) {
                return;
            }
            int groupCount = 2 + r.nextInt(hosts.size() - 1);
            List<List<HostId>> groups = new ArrayList<>();
            for (int g = 0; g < groupCount; g++) {
                groups.add(new ArrayList<>());
            }
            for (HostDescription hd : hosts) {
                groups.get(r.nextInt(groupCount)).add(hd.id());
            }
            groups.removeIf(List::isEmpty);
            if (groups.size() < 2) {
                return;
            }
            at(t, new Command.Partition(groups));
            partitionEndsMs = end(t, MAX_PARTITION_MS);
            at(partitionEndsMs, new Command.Heal());
        }

        private void tear(long t) {
            String ds = cluster.datastores().get(r.nextInt(cluster.datastores().size()));
            String c = cluster.clusterId();
            HostId victim = hosts.get(r.nextInt(hosts.size())).id();
            String path = switch (r.nextInt(4)) {
                case 0 -> HaPaths.protectedList(c);
                case 1 -> HaPaths.protectedListLease(c);
                case 2 -> HaPaths.heartbeat(c, victim);
                default -> HaPaths.poweron(c, victim);
            };
            boolean generationFile = path.equals(HaPaths.protectedList(c)) || path.equals(HaPaths.protectedListLease(c));
            if (generationFile && tornOtherGenerationFile(ds, path, c)) {
                // The lease generation lives in exactly these two files; tearing both loses it
                // (a new claimant may reuse a generation): double damage, not generated.
                path = HaPaths.heartbeat(c, victim);
            } else if (generationFile) {
                generationFileTorn.add(ds + " " + path);
            }
            at(t, new Command.Tear(ds, path));
        }

        private boolean tornOtherGenerationFile(String ds, String path, String c) {
            String other = path.equals(HaPaths.protectedList(c)) ? HaPaths.protectedListLease(c) : HaPaths.protectedList(c);
            return generationFileTorn.contains(ds + " " + other);
        }

        private void crashAt(long t, HostId h) {
            if (t > FAULT_WINDOW_END_MS - CRASH_ARM_MARGIN_MS || crashArmed.contains(h) || down.contains(h)) {
                return;
            }
            int p = r.nextInt(10);
            Command.CrashPoint point = p < 4 ? Command.CrashPoint.TORN_WRITE
                    : p < 7 ? Command.CrashPoint.WRITE : Command.CrashPoint.SEND;
            int k = 1 + r.nextInt(8);
            boolean power = r.nextBoolean() && down.size() < hosts.size() - 1;
            long restartMs = power ? 0 : 100 + r.nextLong(1_401);
            at(t, new Command.CrashAt(h, point, k, power, restartMs));
            crashArmed.add(h);
            if (power) {
                down.add(h);
            }
        }

        /** Everything but dead hosts and drift back to normal. */
        private void repairAll(long t) {
            at(t, new Command.Heal());
            for (HostDescription hd : hosts) {
                if (!extras.isolates(hd.id(), t, t)) {
                    at(t, new Command.Network(hd.id(), true));
                }
            }
            for (String ds : cluster.datastores()) {
                at(t, new Command.AllPathsDown(ds, true));
            }
            for (HostDescription hd : hosts) {
                for (String ds : hd.datastores()) {
                    at(t, new Command.SlowIo(hd.id(), ds, 0));
                }
            }
            at(t, new Command.Loss(0.0));
            at(t, new Command.Jitter(1));
            at(t, new Command.Spike(0.0, 0));
        }
    }
}
