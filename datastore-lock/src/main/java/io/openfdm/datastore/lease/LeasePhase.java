package io.openfdm.datastore.lease;

/** Where one host stands with one datastore's lease. */
public enum LeasePhase {
    /** Not holding: tracking the lease file's value and how long it has stayed unchanged. */
    WATCHING,
    /** Wrote a claim; waiting {@code leaseClaimSettleMs}, then reading it back decides. */
    CLAIMING,
    /** Holding: renewing every {@code leaseRenewIntervalMs}; may act while renewals succeed. */
    HELD
}
