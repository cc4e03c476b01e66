package io.openfdm.datastore.lease;

/** Something the caller should log or act on, emitted by {@link LeaseMachine#observe}. */
public sealed interface LeaseEvent permits LeaseEvent.Acquired, LeaseEvent.Lost, LeaseEvent.Released {
    /** This host now holds the lease with this fencing generation. */
    record Acquired(long generation) implements LeaseEvent {
    }

    /** This host no longer holds the lease, involuntarily; the reason says why (taken, stalled...). */
    record Lost(String reason) implements LeaseEvent {
    }

    /** This host gave the lease up because it no longer wants it. */
    record Released(long generation) implements LeaseEvent {
    }
}
