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
 * attempts).
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
    boolean announcedUnplaceable;
    final Set<HostId> failedOn = new HashSet<>();

    Restart(VmId vm, String datastore, HostId failedHost, long failureMs) {
        this.vm = vm;
        this.datastore = datastore;
        this.failedHost = failedHost;
        this.failureMs = failureMs;
    }

    String stateName() {
        return switch (phase) {
            case PENDING -> "pending";
            case INTENT, REQUESTED -> "requested";
            case WAITING_RETRY -> "waiting-retry";
            case FAILED -> "failed";
        };
    }
}
