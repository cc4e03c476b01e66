package io.openfdm.sim.check;

import io.openfdm.sim.cluster.SimCluster;

/**
 * A property that must hold after every simulator event (FoundationDB-style checkers). Checkers
 * read the cluster; they never change it.
 */
public interface Invariant {
    /** @throws InvariantViolation describing what broke */
    void check(SimCluster cluster);
}
