package io.openfdm.sim.scenario;

import io.openfdm.sim.check.LeaseFilesFenced;
import io.openfdm.sim.check.NoVmRunsTwice;
import io.openfdm.sim.check.OneLeaseHolder;
import io.openfdm.sim.check.ProtectedVmsRunOnce;
import io.openfdm.sim.cluster.SimCluster;

/**
 * Runs a {@link Scenario}: builds its cluster with every checker on, schedules its commands, runs
 * to its end, checks that the protected VMs run exactly once, appends the end-of-run summary, and
 * returns the cluster (whose
 * {@link SimCluster#timeline()} is compared with {@code log.expect}).
 */
public final class ScenarioRunner {
    private ScenarioRunner() {
    }

    /** The command line that replays scenario {@code name}. */
    public static String replayCommand(String name) {
        return "mvn -pl fdm-sim test -Dtest=ScenarioTest -Dfdm.sim.scenario=" + name;
    }

    /** @throws io.openfdm.sim.cluster.SimulationFailure if a checker fails or an agent throws */
    public static SimCluster run(Scenario scenario) {
        SimCluster cluster = new SimCluster(scenario.cluster(), replayCommand(scenario.name()))
                .check(new NoVmRunsTwice())
                .check(new OneLeaseHolder())
                .check(new LeaseFilesFenced());
        cluster.schedule(scenario.commands());
        cluster.runUntil(scenario.commands().endMs());
        cluster.checkNow(new ProtectedVmsRunOnce());
        cluster.summarize();
        return cluster;
    }
}
