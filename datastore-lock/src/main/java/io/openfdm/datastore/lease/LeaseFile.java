package io.openfdm.datastore.lease;

import io.openfdm.core.config.Timing;
import io.openfdm.core.env.Clock;
import io.openfdm.core.env.DatastoreFiles;
import io.openfdm.core.env.DatastoreIoException;
import io.openfdm.datastore.HaPaths;
import io.openfdm.datastore.file.ChecksummedFile;
import io.openfdm.datastore.file.Result;

import java.util.Objects;
import java.util.Optional;

/**
 * Reads and writes one cluster's lease files ({@link HaPaths#protectedListLease}) through
 * {@link DatastoreFiles}, and runs a whole {@link LeaseMachine} round. Never throws on I/O
 * problems: they become {@link LeaseObservation.Inaccessible} or a failed write.
 */
public final class LeaseFile {
    private final DatastoreFiles files;
    private final String clusterId;
    private final String path;

    /** @throws IllegalArgumentException if the cluster ID cannot be a directory name */
    public LeaseFile(DatastoreFiles files, String clusterId) {
        this.files = Objects.requireNonNull(files, "files");
        this.clusterId = Objects.requireNonNull(clusterId, "clusterId");
        this.path = HaPaths.protectedListLease(clusterId);
    }

    /** The lease file's path relative to a datastore root. */
    public String path() {
        return path;
    }

    /**
     * Reads the lease on {@code datastore}. A corrupt reason ends with a fingerprint of the raw
     * bytes ({@code [content sha256 1a2b3c4d5e6f]}) so that a corrupt file that changes is seen to
     * change. A valid record of another cluster is reported as corrupt.
     */
    public LeaseObservation read(String datastore) {
        Optional<byte[]> content;
        try {
            content = files.read(datastore, path);
        } catch (DatastoreIoException e) {
            return new LeaseObservation.Inaccessible(e.getMessage());
        }
        if (content.isEmpty()) {
            return new LeaseObservation.Absent();
        }
        byte[] bytes = content.get();
        Result<LeaseRecord> result = LeaseRecord.CODEC.decode(bytes);
        if (result instanceof Result.Corrupt<LeaseRecord> c) {
            return new LeaseObservation.Corrupt(c.reason() + " " + fingerprint(bytes));
        }
        LeaseRecord record = ((Result.Valid<LeaseRecord>) result).value();
        if (!record.clusterId().equals(clusterId)) {
            return new LeaseObservation.Corrupt("lease of cluster " + record.clusterId() + ", expected "
                    + clusterId + " " + fingerprint(bytes));
        }
        return new LeaseObservation.Present(record);
    }

    /**
     * Writes a record with this host's wall clock stamped in.
     *
     * @param wallMs milliseconds since the epoch, informational
     * @return true if the atomic write completed, false on any datastore I/O error
     */
    public boolean write(String datastore, LeaseRecord record, long wallMs) {
        if (!record.clusterId().equals(clusterId)) {
            throw new IllegalArgumentException("record of cluster " + record.clusterId() + " written as " + clusterId);
        }
        try {
            files.writeAtomic(datastore, path, LeaseRecord.CODEC.encode(record.stamped(wallMs)));
            return true;
        } catch (DatastoreIoException e) {
            return false;
        }
    }

    /**
     * One round for one datastore: read, {@link LeaseMachine#observe}, perform the write if asked,
     * {@link LeaseMachine#written}. The observation time is taken after the read.
     *
     * @return the step, whose state already includes the write's outcome
     */
    public LeaseStep round(LeaseState state, boolean wantLease, Clock clock, Timing timing) {
        LeaseObservation obs = read(state.datastore());
        LeaseStep step = LeaseMachine.observe(state, obs, wantLease, clock.monotonicMs(), timing);
        if (step.write().isEmpty()) {
            return step;
        }
        long startedMs = clock.monotonicMs();
        boolean ok = write(state.datastore(), step.write().get(), clock.wallMs());
        return new LeaseStep(LeaseMachine.written(step.state(), ok, startedMs), step.write(), step.events());
    }

    private static String fingerprint(byte[] bytes) {
        return "[content sha256 " + ChecksummedFile.sha256Hex(bytes).substring(0, 12) + "]";
    }
}
