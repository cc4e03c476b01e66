package io.openfdm.datastore.lease;

import io.openfdm.core.config.Timing;
import io.openfdm.core.model.HostId;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Test harness: one shared lease "file" and hosts that read, decide and write it instantly. */
final class LeaseDisk {
    static final Timing T = Timing.defaults(); // renew 500, stand-down 1000, timeout 2000, settle 500

    LeaseObservation content = new LeaseObservation.Absent();
    final List<LeaseRecord> writes = new ArrayList<>();

    Host host(String moid) {
        return new Host(this, HostId.of(moid));
    }

    static final class Host {
        final LeaseDisk disk;
        LeaseState state;
        List<LeaseEvent> lastEvents = List.of();
        Optional<LeaseRecord> lastWrite = Optional.empty();

        Host(LeaseDisk disk, HostId id) {
            this.disk = disk;
            this.state = LeaseState.initial("c1", "ds1", id);
        }

        /** Reads the disk, decides, writes at once (successfully) and reports the write. */
        Host tick(long nowMs, boolean want) {
            return tick(nowMs, want, disk.content);
        }

        /** As {@link #tick(long, boolean)} but with a given observation (a failed or corrupt read). */
        Host tick(long nowMs, boolean want, LeaseObservation obs) {
            LeaseStep step = LeaseMachine.observe(state, obs, want, nowMs, T);
            lastEvents = step.events();
            lastWrite = step.write();
            state = step.state();
            if (step.write().isPresent()) {
                disk.content = new LeaseObservation.Present(step.write().get());
                disk.writes.add(step.write().get());
                state = LeaseMachine.written(state, true, nowMs);
            }
            return this;
        }

        boolean mayAct(long nowMs) {
            return LeaseMachine.mayAct(state, nowMs, T);
        }

        LeasePhase phase() {
            return state.phase();
        }
    }
}
