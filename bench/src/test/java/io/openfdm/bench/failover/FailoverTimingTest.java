package io.openfdm.bench.failover;

import io.openfdm.core.journal.EventKind;
import io.openfdm.core.journal.JournalEvent;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class FailoverTimingTest {
    private static final long KILL = 10_000;

    private static JournalEvent ev(long wallMs, String host, EventKind kind, String message, String subject) {
        return new JournalEvent(wallMs, host, "master", kind, message, subject, -1);
    }

    @Test
    void timesAfterTheKillFromTheSurvivorsJournals() {
        List<JournalEvent> events = List.of(
                ev(9_000, "host-4", EventKind.RESTART_REQUESTED, "vm-1 power-on requested on host-2 (attempt 1)", "vm-1"),
                ev(11_900, "host-4", EventKind.HOST_STATE_CHANGED, "host-1 is isolated or partitioned: ...", "host-1"),
                ev(12_000, "host-4", EventKind.HOST_STATE_CHANGED, "host-1 declared dead: no network heartbeat for 2.1 s"
                        + " and no datastore heartbeat", "host-1"),
                ev(12_050, "host-4", EventKind.RESTART_REQUESTED, "vm-5 power-on requested on host-3 (attempt 1)", "vm-5"),
                ev(12_060, "host-4", EventKind.RESTART_REQUESTED, "vm-1 power-on requested on host-2 (attempt 1)", "vm-1"),
                ev(12_070, "host-4", EventKind.RESTART_REQUESTED, "vm-9 power-on requested on host-2 (attempt 1)", "vm-9"),
                ev(12_100, "host-2", EventKind.VM_POWERED_ON, "powered on vm-1 for master host-4", "vm-1"),
                ev(12_150, "host-3", EventKind.VM_POWERED_ON, "powered on vm-5 for master host-4", "vm-5"),
                ev(12_400, "host-3", EventKind.VM_POWERED_ON, "powered on vm-5 for master host-4", "vm-5"));
        FailoverTiming t = FailoverTiming.of(events, "host-1", Set.of("vm-1", "vm-5"), KILL);
        assertThat(t.declaredDeadMs()).isEqualTo(2_000);
        assertThat(t.firstRequestMs()).isEqualTo(2_050);
        assertThat(t.allRunningMs()).as("the first power-on of the later VM").isEqualTo(2_150);
        assertThat(t.newMasterMs()).isEqualTo(-1);
    }

    @Test
    void aVmNeverPoweredOnLeavesAllRunningAbsent() {
        List<JournalEvent> events = List.of(
                ev(10_500, "host-3", EventKind.ROLE_CHANGED, "became master", "host-3"),
                ev(12_000, "host-3", EventKind.RESTART_REQUESTED, "vm-1 power-on requested on host-2 (attempt 1)", "vm-1"),
                ev(12_100, "host-2", EventKind.VM_POWERED_ON, "powered on vm-1 for master host-3", "vm-1"));
        FailoverTiming t = FailoverTiming.of(events, "host-4", Set.of("vm-1", "vm-2"), KILL);
        assertThat(t.newMasterMs()).isEqualTo(500);
        assertThat(t.firstRequestMs()).isEqualTo(2_000);
        assertThat(t.allRunningMs()).isEqualTo(-1);
        assertThat(t.declaredDeadMs()).isEqualTo(-1);
    }
}
