package io.openfdm.datastore.lease;

import io.openfdm.core.model.HostId;
import io.openfdm.datastore.file.FileCodec;

import java.util.Objects;

/**
 * The content of a lease file ({@code .vSphere-HA/<cluster>/protectedlist.lease}), in a
 * {@link io.openfdm.datastore.file.ChecksummedFile} envelope of kind {@code lease}.
 *
 * @param clusterId  the cluster the lease belongs to (a file of another cluster is rejected)
 * @param owner      the holding host, or null when the lease was released (free)
 * @param generation fencing generation, >= 0: every successful claim takes a generation above any
 *                   the claimant has ever seen, so generations strictly grow across takeovers; the
 *                   holder stamps it on everything it writes under the lease
 * @param renewals   >= 0, incremented by every write within a generation (renewal or release), so
 *                   a live holder's file keeps changing
 * @param wallMs     writer's wall clock, milliseconds since the epoch; informational only, never
 *                   compared between hosts
 */
public record LeaseRecord(String clusterId, HostId owner, long generation, long renewals, long wallMs) {
    /** File codec, envelope kind {@code lease}. */
    public static final FileCodec<LeaseRecord> CODEC = new FileCodec<>("lease", LeaseRecord.class);

    public LeaseRecord {
        Objects.requireNonNull(clusterId, "clusterId");
        if (clusterId.isBlank()) {
            throw new IllegalArgumentException("clusterId must not be blank");
        }
        if (generation < 0 || renewals < 0) {
            throw new IllegalArgumentException("generation and renewals must be >= 0");
        }
    }

    /** True when no host holds the lease (a holder released it). */
    public boolean released() {
        return owner == null;
    }

    /** The same record with the writer's wall clock stamped in (milliseconds since the epoch). */
    public LeaseRecord stamped(long newWallMs) {
        return new LeaseRecord(clusterId, owner, generation, renewals, newWallMs);
    }
}
