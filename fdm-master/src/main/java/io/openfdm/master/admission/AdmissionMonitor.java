package io.openfdm.master.admission;

import io.openfdm.core.journal.EventKind;
import io.openfdm.core.status.CapacityStatus;

import java.util.Optional;

/**
 * Turns successive capacity computations into journal events, once per change: a warning when the
 * cluster stops meeting its admission control policy (vSphere raises "Insufficient vSphere HA
 * failover resources"), a notice when it meets it again. The first computation warns only if the
 * policy is not met; a met policy at start says nothing. Only a policy written in the
 * configuration warns ({@link CapacityStatus#configured()}). Mutable; owned by one master.
 */
public final class AdmissionMonitor {

    /** A journal line to write. */
    public record Transition(EventKind kind, String message) {
    }

    /** Null until the first configured computation. */
    private Boolean lastSufficient;

    /** Feeds the latest computation; returns the event to journal, if the verdict changed. */
    public Optional<Transition> observe(CapacityStatus capacity) {
        if (!capacity.configured()) {
            lastSufficient = null;
            return Optional.empty();
        }
        boolean now = capacity.sufficient();
        Boolean before = lastSufficient;
        lastSufficient = now;
        if (before == null ? now : before == now) {
            return Optional.empty();
        }
        if (!now) {
            return Optional.of(new Transition(EventKind.ADMISSION_CONTROL_WARNING,
                    "insufficient failover resources (" + capacity.policy() + "): " + capacity.reason()));
        }
        return Optional.of(new Transition(EventKind.ADMISSION_CONTROL_OK, "failover resources sufficient again ("
                + FailoverCapacity.summary(capacity) + ")"));
    }
}
