package io.openfdm.sim.random;

import io.openfdm.sim.check.LeaseFilesFenced;
import io.openfdm.sim.check.LiveHostsKeepTheirVms;
import io.openfdm.sim.check.NoVmRunsTwice;
import io.openfdm.sim.check.OneLeaseHolder;
import io.openfdm.sim.check.PoweredOffBeforeRestart;
import io.openfdm.sim.check.PowerOnsFenced;
import io.openfdm.sim.check.ProtectedListsFenced;
import io.openfdm.sim.check.ProtectedVmsRunOnce;
import io.openfdm.sim.check.RestartWithinBound;
import io.openfdm.sim.cluster.SimCluster;
import io.openfdm.sim.scenario.RandomSchedule;

/**
 * Runs one seed of the random tier: the {@link RandomSchedule} story of the seed on a
 * {@link SimCluster} with every checker after every event ({@link NoVmRunsTwice},
 * {@link OneLeaseHolder}, {@link LeaseFilesFenced}, {@link ProtectedListsFenced},
 * {@link PowerOnsFenced}, {@link LiveHostsKeepTheirVms} or {@link PoweredOffBeforeRestart} (by the
 * seed's isolation response), {@link RestartWithinBound}) and
 * {@link ProtectedVmsRunOnce} at the end. Each run builds its own cluster, so seeds may run on
 * several threads at once.
 */
public final class SeedRun {
    /**
     * Timeline lines printed with a failure: 60, or the system property
     * {@code fdm.sim.timelineLines} (0: the whole timeline).
     */
    public static final int TIMELINE_TAIL_LINES = Integer.getInteger("fdm.sim.timelineLines", 60);

    /**
     * @param seed             the seed
     * @param failure          null when every checker held; else the violation, the seed's
     *                         cluster, cmdlist, the tail of its timeline and the replay command
     * @param longestOwedMs    the longest a protected VM waited for its restart in the run
     *                         ({@link RestartWithinBound#longestMs()}), milliseconds
     * @param events           scheduler events the run took
     * @param lockRefusals     register and power-on calls a simulated VMFS lock refused: restarts
     *                         the master attempted while the VM still ran elsewhere with its disks
     */
    public record Outcome(long seed, String failure, long longestOwedMs, long events, long lockRefusals) {
        public Outcome(long seed, String failure, long longestOwedMs, long events) {
            this(seed, failure, longestOwedMs, events, 0);
        }

        public boolean passed() {
            return failure == null;
        }
    }

    private SeedRun() {
    }

    /** The one-line command that replays {@code seed} (printed with every failure). */
    public static String replay(long seed) {
        return "mvn -pl fdm-sim test -Dtest=RandomScheduleTest -Dfdm.sim.seed=" + seed;
    }

    /** Runs {@code seed}; never throws for a failing seed (see {@link Outcome#failure()}). */
    public static Outcome run(long seed) {
        RandomSchedule.Generated g = RandomSchedule.generate(seed);
        RestartWithinBound liveness = new RestartWithinBound();
        SimCluster cluster = null;
        try {
            cluster = new SimCluster(g.cluster(), replay(seed))
                    .check(new NoVmRunsTwice())
                    .check(new OneLeaseHolder())
                    .check(new LeaseFilesFenced())
                    .check(new ProtectedListsFenced())
                    .check(new PowerOnsFenced())
                    .check(new LiveHostsKeepTheirVms())
                    .check(new PoweredOffBeforeRestart())
                    .check(liveness);
            cluster.schedule(g.commands());
            cluster.runUntil(g.commands().endMs());
            cluster.checkNow(new ProtectedVmsRunOnce());
            return new Outcome(seed, null, liveness.longestMs(), cluster.scheduler().executed(), cluster.lockRefusals());
        } catch (AssertionError | RuntimeException e) {
            String message = e.getMessage() + "\ncluster of seed " + seed + ":\n" + g.cluster().toText()
                    + "cmdlist of seed " + seed + ":\n" + g.cmdlist()
                    + (cluster == null ? "" : "timeline tail:\n" + tail(cluster.timeline().render(), TIMELINE_TAIL_LINES))
                    + "replay: " + replay(seed) + "\n";
            return new Outcome(seed, message, liveness.longestMs(), cluster == null ? 0 : cluster.scheduler().executed(),
                    cluster == null ? 0 : cluster.lockRefusals());
        }
    }

    private static String tail(String text, int lines) {
        String[] all = text.split("\n");
        StringBuilder out = new StringBuilder();
        for (int i = lines <= 0 ? 0 : Math.max(0, all.length - lines); i < all.length; i++) {
            out.append(all[i]).append('\n');
        }
        return out.toString();
    }
}
