package io.openfdm.sim.check;

import io.openfdm.sim.cluster.SimCluster;
import io.openfdm.sim.host.SimHost;
import io.openfdm.sim.net.LinkFaults;
import io.openfdm.sim.scenario.ClusterDescription.HostDescription;

/**
 * Whether the simulated world is free of faults right now, the precondition of the liveness
 * bound ({@link RestartWithinBound}): the network is whole (no partition, no cable pulled, the
 * {@linkplain LinkFaults#calm() calm} link: no loss, no duplicates, no delay spikes), every host
 * reaches exactly the datastores of its cluster-file line, no datastore is slow, no
 * {@code crash-at} is armed or striking on a powered host, and every powered host's agent runs
 * ({@link #now}; {@link #apartFromIsolatedHostsAndStoppedAgents} leaves out the cut cables and the
 * stopped agents).
 * Crashed hosts (powered off) and clock drift or wall-clock offsets do not count: a dead host is
 * the failure HA handles, and drift is a permanent property of a host's oscillator.
 */
public final class Calm {
    private static final LinkFaults CALM_LINK = LinkFaults.calm();

    private Calm() {
    }

    /** True when {@code cluster} has no active fault now (see the class comment). */
    public static boolean now(SimCluster cluster) {
        return !cluster.network().anyCut() && !anyAgentDown(cluster) && apartFromIsolatedHostsAndStoppedAgents(cluster);
    }

    /**
     * True when {@code cluster} has no active fault now but hosts whose cables are pulled
     * ({@code network h off}) and powered hosts whose agent is down (with no {@code crash-at}
     * pending): an isolated host and a host without its agent are failures the rest of the
     * cluster must live with, restarting dead hosts' VMs all the same.
     */
    public static boolean apartFromIsolatedHostsAndStoppedAgents(SimCluster cluster) {
        if (cluster.network().partitioned() || !cluster.network().faults().equals(CALM_LINK)) {
            return false;
        }
        if (cluster.datastores().anySlow()) {
            return false;
        }
        for (HostDescription h : cluster.description().hosts()) {
            for (String ds : cluster.description().datastores()) {
                if (h.datastores().contains(ds) != cluster.datastores().reaches(h.id(), ds)) {
                    return false;
                }
            }
        }
        for (SimHost host : cluster.hosts()) {
            if (host.powered() && host.crashPending()) {
                return false;
            }
        }
        return true;
    }

    private static boolean anyAgentDown(SimCluster cluster) {
        for (SimHost host : cluster.hosts()) {
            if (host.powered() && !host.live()) {
                return true;
            }
        }
        return false;
    }
}
