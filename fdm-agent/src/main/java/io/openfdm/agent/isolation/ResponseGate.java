package io.openfdm.agent.isolation;

import io.openfdm.core.config.Timing;
import io.openfdm.core.model.HostId;
import io.openfdm.datastore.lease.LeaseState;

import java.util.Set;

/**
 * Whether an isolated host may apply its isolation response to a VM. VMware's rule (vSphere HA
 * Deepdive; {@code vmware-ha-facts.md} §1 "Isolation responses"): only if a master owns the VM's
 * home datastore, or if the host has lost access to that datastore. A VM nobody else can restart
 * is left running: powering it off would only cause an outage.
 *
 * <p>"Another master owns it" is read from the lease this host watches on every datastore: the
 * lease file names another host, and its value changed (was renewed) less than
 * {@code leaseTimeoutMs} ago on this host's clock, the same span after which a taker may consider
 * the lease dead. A lease this host released, a released or absent lease, or one that has gone
 * unrenewed that long, does not count.
 */
public final class ResponseGate {
    private ResponseGate() {
    }

    /** The decision and why, for the journal. */
    public record Verdict(boolean apply, String reason) {
    }

    /**
     * @param homeDatastore the VM's home datastore ("" when the hypervisor does not know it)
     * @param accessible    the datastores this host reaches now
     * @param lease         this host's view of that datastore's lease, or null when it has none (the
     *                      datastore is not one of this host's)
     * @param nowMs         this host's monotonic clock, milliseconds
     */
    public static Verdict judge(String homeDatastore, Set<String> accessible, LeaseState lease, long nowMs, Timing timing) {
        if (homeDatastore == null || homeDatastore.isEmpty()) {
            return new Verdict(false, "its home datastore is unknown");
        }
        if (!accessible.contains(homeDatastore)) {
            return new Verdict(true, "this host lost access to " + homeDatastore);
        }
        HostId owner = lease == null ? null : lease.observedOwner();
        if (owner == null || owner.equals(lease.self())) {
            return new Verdict(false, "no other master holds the lease on " + homeDatastore);
        }
        long unchangedMs = nowMs - lease.lastChangeMs();
        if (unchangedMs >= timing.leaseTimeoutMs()) {
            return new Verdict(false, "the lease of " + owner + " on " + homeDatastore + " has not been renewed for "
                    + unchangedMs + " ms");
        }
        return new Verdict(true, "master " + owner + " holds the lease on " + homeDatastore);
    }
}
