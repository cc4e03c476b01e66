package io.openfdm.sim.check;

import io.openfdm.core.model.HostId;
import io.openfdm.sim.cluster.SimCluster;
import io.openfdm.sim.host.SimHost;

/**
 * At most one live host believes it holds a datastore's protectedlist lease and may act on it
 * ({@code AgentNode.mayAct}), at every instant. Two would mean two masters could restart the same
 * VMs (VMware: one master owns a datastore's VMs, whichever holds the protectedlist lock).
 */
public final class OneLeaseHolder implements Invariant {
    @Override
    public void check(SimCluster cluster) {
        for (String ds : cluster.datastores().datastores()) {
            HostId holder = null;
            for (SimHost host : cluster.hosts()) {
                if (host.live() && host.node().mayAct(ds, host.nowMs())) {
                    if (holder != null) {
                        throw new InvariantViolation("both " + holder + " and " + host.id()
                                + " may act on the lease of " + ds);
                    }
                    holder = host.id();
                }
            }
        }
    }
}
