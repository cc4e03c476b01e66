package io.openfdm.datastore.lease;

import java.util.Objects;

/** What one read of a lease file showed. Produced by {@link LeaseFile#read}, fed to {@link LeaseMachine#observe}. */
public sealed interface LeaseObservation
        permits LeaseObservation.Present, LeaseObservation.Absent, LeaseObservation.Corrupt, LeaseObservation.Inaccessible {

    /** A valid lease record. */
    record Present(LeaseRecord record) implements LeaseObservation {
        public Present {
            Objects.requireNonNull(record, "record");
        }
    }

    /** No lease file: a fresh datastore, or someone deleted it. */
    record Absent() implements LeaseObservation {
    }

    /**
     * A lease file that failed verification.
     *
     * @param reason what was wrong; two observations of corrupt files are the same value only if
     *               their reasons are equal, so {@link LeaseFile} appends a fingerprint of the raw
     *               bytes and a file that keeps changing keeps counting as changing
     */
    record Corrupt(String reason) implements LeaseObservation {
        public Corrupt {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The datastore could not be read from this host; nothing is known about the lease. */
    record Inaccessible(String reason) implements LeaseObservation {
        public Inaccessible {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
