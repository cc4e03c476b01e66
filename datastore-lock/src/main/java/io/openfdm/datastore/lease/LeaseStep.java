package io.openfdm.datastore.lease;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Result of {@link LeaseMachine#observe}.
 *
 * @param state  the next state
 * @param write  a record the caller must write to the lease file now (claim, renewal or release),
 *               then report with {@link LeaseMachine#written}; its {@code wallMs} is 0 and the
 *               writer stamps its wall clock ({@link LeaseRecord#stamped})
 * @param events what happened, in order
 */
public record LeaseStep(LeaseState state, Optional<LeaseRecord> write, List<LeaseEvent> events) {
    public LeaseStep {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(write, "write");
        events = List.copyOf(events);
    }
}
