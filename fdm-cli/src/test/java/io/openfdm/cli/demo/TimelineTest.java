package io.openfdm.cli.demo;

import io.openfdm.core.journal.EventKind;
import io.openfdm.core.journal.JournalEvent;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TimelineTest {
    private static final long T0 = 1_700_000_000_000L;

    private static JournalEvent ev(long offsetMs, String host, String role, EventKind kind, String message, String subject) {
        return new JournalEvent(T0 + offsetMs, host, role, kind, message, subject, -1);
    }

    @Test
    void mergesPolledLinesWithTheFailoverEventsInTimeOrder() {
        Timeline t = new Timeline(T0);
        t.add(T0, "host-2 killed (kill -9)");
        t.add(T0 + 2410, "vm-5 running on host-3");
        t.addEvents(List.of(
                ev(-5000, "host-1", "master", EventKind.HOST_STATE_CHANGED, "host-2 connectedToMaster", "host-2"),
                ev(2350, "host-1", "master", EventKind.RESTART_REQUESTED, "vm-5 power-on requested on host-3", "vm-5"),
                ev(2310, "host-1", "master", EventKind.HOST_STATE_CHANGED, "host-2 declared dead", "host-2"),
                ev(2320, "host-1", "master", EventKind.HOST_STATE_CHANGED, "host-4 connectedToMaster", "host-4"),
                ev(2330, "host-1", "master", EventKind.PROTECTION_CHANGED, "vm-5 protected", "vm-5")), "host-2");

        assertThat(t.render()).isEqualTo(
                "    +0.00 s  host-2 killed (kill -9)\n"
                        + "    +2.31 s  host-2 declared dead\n"
                        + "    +2.35 s  vm-5 power-on requested on host-3\n"
                        + "    +2.41 s  vm-5 running on host-3\n");
    }

    @Test
    void showsOnlyRoleChangesIntoMasterPrefixedWithTheHost() {
        Timeline t = new Timeline(T0);
        t.addEvents(List.of(
                ev(100, "host-3", "election", EventKind.ROLE_CHANGED, "slave -> election", ""),
                ev(2500, "host-3", "master", EventKind.ROLE_CHANGED, "election -> master", ""),
                ev(2600, "host-3", "master", EventKind.LEASE_ACQUIRED, "lease on ds-1 acquired", "ds-1"),
                ev(2600, "host-3", "master", EventKind.LEASE_ACQUIRED, "lease on ds-1 acquired", "ds-1")), "host-4");

        assertThat(t.render()).isEqualTo(
                "    +2.50 s  host-3: election -> master\n"
                        + "    +2.60 s  host-3: lease on ds-1 acquired\n");
        assertThat(t.size()).isEqualTo(2);
    }
}
