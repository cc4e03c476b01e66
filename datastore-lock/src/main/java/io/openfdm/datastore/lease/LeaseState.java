package io.openfdm.datastore.lease;

import io.openfdm.core.model.HostId;

import java.util.Objects;

/**
 * One host's view of one datastore's lease; immutable, advanced only by {@link LeaseMachine}.
 * All times are this host's monotonic clock in milliseconds; nothing here is ever compared with
 * another host's clock.
 *
 * @param clusterId         the cluster, written into every record
 * @param datastore         the datastore whose {@code protectedlist.lease} this is
 * @param self              this host
 * @param phase             watching, claiming or holding
 * @param observed          the last value seen in the lease file, or null before the first
 *                          observation (an inaccessible read sees nothing)
 * @param lastChangeMs      when {@code observed} last changed, or when it was first seen, or when
 *                          this host last went back to watching
 * @param everObserved      true once any value (present, absent or corrupt) has been seen
 * @param myGeneration      generation of this host's claim or lease (meaningful when CLAIMING or
 *                          HELD; the last one held otherwise)
 * @param myRenewals        renewals counter of the last record this host wrote
 * @param claimWritten      in CLAIMING: the claim write has been reported successful
 * @param claimWrittenMs    when the successful claim write started (the lease counts from here)
 * @param claimDoneMs       when the successful claim write completed (the settle delay counts
 *                          from here)
 * @param lastRenewOkMs     in HELD: when the last successful write (claim or renewal) started
 * @param lastWriteMs       when this host last decided to write (claim, renewal or release)
 * @param highestGeneration the largest generation ever seen in the file or claimed by this host
 */
public record LeaseState(String clusterId,
                         String datastore,
                         HostId self,
                         LeasePhase phase,
                         LeaseValue observed,
                         long lastChangeMs,
                         boolean everObserved,
                         long myGeneration,
                         long myRenewals,
                         boolean claimWritten,
                         long claimWrittenMs,
                         long claimDoneMs,
                         long lastRenewOkMs,
                         long lastWriteMs,
                         long highestGeneration) {
    public LeaseState {
        Objects.requireNonNull(clusterId, "clusterId");
        Objects.requireNonNull(datastore, "datastore");
        Objects.requireNonNull(self, "self");
        Objects.requireNonNull(phase, "phase");
    }

    /** A host that has not looked at the lease yet. */
    public static LeaseState initial(String clusterId, String datastore, HostId self) {
        return initial(clusterId, datastore, self, 0);
    }

    /**
     * A host that has not looked at the lease yet but remembers (from local storage) the highest
     * generation it has seen before. Without it, a host whose every read since start-up is
     * corrupt cannot know the previous generation and would claim generation 1.
     *
     * @param knownGeneration >= 0
     */
    public static LeaseState initial(String clusterId, String datastore, HostId self, long knownGeneration) {
        if (knownGeneration < 0) {
            throw new IllegalArgumentException("knownGeneration must be >= 0");
        }
        return new LeaseState(clusterId, datastore, self, LeasePhase.WATCHING, null, 0, false,
                0, 0, false, 0, 0, 0, 0, knownGeneration);
    }

    /** The holder named in the last observed file, or null (released, absent, corrupt, never seen). */
    public HostId observedOwner() {
        return observed == null ? null : observed.owner();
    }
}
