package io.openfdm.sim.cluster;

import io.openfdm.sim.scenario.ClusterDescription.HostDescription;
import io.openfdm.sim.scenario.Command;
import io.openfdm.sim.host.SimHost;

import io.openfdm.datastore.HaPaths;

import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Performs the fault commands of the seeded random tier ({@link Command.Fault}) on a
 * {@link SimCluster}; see {@code FaultCommandParser} for their syntax.
 */
final class FaultInjector {
    private final SimCluster cluster;
    private final SplittableRandom random;
    private final Set<String> damagedProtectedLists = new TreeSet<>();

    FaultInjector(SimCluster cluster, SplittableRandom random) {
        this.cluster = cluster;
        this.random = random;
    }

    /**
     * Datastores whose protectedlist a {@code tear} damaged in this run: the only record that
     * their VMs are protected is gone (outside {@code writeAtomic}'s contract: storage damage).
     */
    Set<String> damagedProtectedLists() {
        return Set.copyOf(damagedProtectedLists);
    }

    void apply(Command.Fault fault) {
        if (fault instanceof Command.AllPathsDown a) {
            for (HostDescription h : cluster.description().hosts()) {
                if (h.datastores().contains(a.datastore())) {
                    if (a.on()) {
                        cluster.datastores().connect(h.id(), a.datastore());
                        DiskLocks.regained(cluster, h.id(), a.datastore());
                    } else {
                        cluster.datastores().disconnect(h.id(), a.datastore());
                    }
                }
            }
        } else if (fault instanceof Command.SlowIo s) {
            cluster.datastores().setLatency(s.host(), s.datastore(), s.latencyMs());
        } else if (fault instanceof Command.Drift d) {
            cluster.host(d.host()).clock().setDriftPercent(d.percent());
        } else if (fault instanceof Command.Spike s) {
            cluster.network().setFaults(cluster.network().faults().withSpikes(s.probability(), s.spikeMs()));
        } else if (fault instanceof Command.Tear t) {
            if (!cluster.datastores().tear(t.datastore(), t.path(), random)) {
                cluster.timeline().command(cluster.nowMs(), "(tear: no file " + t.path() + " on " + t.datastore() + ")");
            } else if (t.path().equals(HaPaths.protectedList(cluster.config().clusterId()))) {
                damagedProtectedLists.add(t.datastore());
            }
        } else if (fault instanceof Command.CrashAt c) {
            SimHost host = cluster.host(c.host());
            host.armCrash(c);
        } else {
            throw new IllegalArgumentException("unhandled fault " + fault.text());
        }
    }
}
