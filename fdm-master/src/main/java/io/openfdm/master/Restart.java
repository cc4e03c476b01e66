package io.openfdm.master;

import io.openfdm.core.model.HostId;
import io.openfdm.core.model.VmId;

import java.util.HashSet;
import java.util.Set;

/**
 * One VM the master must restart, and where that stands.
 *
 * <p>Phases: {@code PENDING} (waiting for a host, or for the gate: every connected host has
 * reported since this master took over), {@code INTENT} (target chosen; the protectedlist write
 * naming the target is on its way to disk), {@code REQUESTED} (power-on sent, durable intent),
 * {@code WAITING_RETRY} (a failure; next attempt at {@code nextAttemptMs}), {@code FAILED} (out of
 * attempts). A {@code PENDING} restart with {@code pendingPlacement} set is on the pending-placement
 * list (no host could take it; retried every placement round, not counted as an attempt); one with
 * {@code heldSinceMs >= 0} is held back by restart orchestration (priority readiness or a dependency).
 */
final class Restart {
    enum Phase { PENDING, INTENT, REQUESTED, WAITING_RETRY, FAILED }

    final VmId vm;
    final String datastore;
    final HostId failedHost;
    /** Monotonic ms when the failed host was last heard: the failure's best estimate. */
    final long failureMs;
    Phase phase = Phase.PENDING;
    HostId target;
    long requestId;
    long sentMs;
    long intentVersion;
    int attempts;
    long nextAttemptMs;
    String lastError = "";
    /** Wall-clock ms of the next attempt while {@code WAITING_RETRY} (persisted in the protectedlist). */
    long nextAttemptWallMs;
    boolean announcedUnplaceable;
    /** No host could take the VM in the last placement round. */
    boolean pendingPlacement;
    /** Monotonic ms since when orchestration holds the VM back, -1 when it does not. */
    long heldSinceMs = -1;
    final Set<HostId> failedOn = new HashSet<>();

    Restart(VmId vm, String datastore, HostId failedHost, long failureMs) {
        this.vm = vm;
        this.datastore = datastore;
        this.failedHost = failedHost;
        this.failureMs = failureMs;
    }

    String stateName() {
        return switch (phase) {
            case PENDING -> pendingPlacement ? "pending-placement" : heldSinceMs >= 0 ? "waiting-readiness" : "pending";
            case INTENT, REQUESTED -> "requested";
            case WAITING_RETRY -> "waiting-retry";
            case FAILED -> "failed";
        };
    }
}
