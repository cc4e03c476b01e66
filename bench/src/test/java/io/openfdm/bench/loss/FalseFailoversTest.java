package io.openfdm.bench.loss;

import io.openfdm.core.journal.EventKind;
import io.openfdm.core.journal.JournalEvent;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FalseFailoversTest {
    private static JournalEvent ev(EventKind kind, String message) {
        return new JournalEvent(1, "host-8", "master", kind, message, "x", -1);
    }

    @Test
    void countsEveryKindOfFalseAlarmButNotReconnections() {
        FalseFailovers f = FalseFailovers.count(List.of(
                ev(EventKind.HOST_STATE_CHANGED, "host-2 is isolated or partitioned: network silent, datastore heartbeat alive"),
                ev(EventKind.HOST_STATE_CHANGED, "host-2 connected (was networkPartitionedFromMaster)"),
                ev(EventKind.HOST_STATE_CHANGED, "host-3 declared dead: no network heartbeat for 2.0 s and no datastore heartbeat"),
                ev(EventKind.RESTART_REQUESTED, "vm-3 power-on requested on host-1 (attempt 1)"),
                ev(EventKind.ELECTION_STARTED, "election started: master silent"),
                ev(EventKind.ROLE_CHANGED, "slave of host-8 (x)"),
                ev(EventKind.LEASE_LOST, "lease lost"),
                ev(EventKind.PROTECTION_CHANGED, "vm-1 protected (on host-1)")));
        assertThat(f.suspicions()).isEqualTo(2);
        assertThat(f.declaredDead()).isEqualTo(1);
        assertThat(f.restartRequests()).isEqualTo(1);
        assertThat(f.elections()).isEqualTo(1);
        assertThat(f.roleChanges()).isEqualTo(1);
        assertThat(f.leaseLosses()).isEqualTo(1);
        assertThat(f.lines()).hasSize(6).noneMatch(l -> l.contains("protected"));
        assertThat(f.none()).isFalse();
    }

    @Test
    void aQuietPeriodHasNoneAndSumsAdd() {
        FalseFailovers quiet = FalseFailovers.count(List.of(ev(EventKind.PROTECTION_CHANGED, "vm-1 protected (on host-1)")));
        assertThat(quiet.none()).isTrue();
        FalseFailovers one = FalseFailovers.count(List.of(ev(EventKind.RESTART_REQUESTED, "vm-3 power-on requested")));
        FalseFailovers sum = one.plus(one).plus(quiet);
        assertThat(sum.restartRequests()).isEqualTo(2);
        assertThat(sum.lines()).hasSize(2);
    }
}
