package io.openfdm.cli.inspect;

import io.openfdm.core.config.HaPolicy;
import io.openfdm.core.config.IsolationResponse;
import io.openfdm.core.journal.EventKind;
import io.openfdm.core.journal.JournalEvent;
import io.openfdm.core.status.AgentStatus;
import io.openfdm.core.status.DatastoreStatus;
import io.openfdm.core.status.HostStatus;
import io.openfdm.core.status.VmStatus;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RenderingTest {
    @Test
    void statusShowsPacketAndDroppedCounters() {
        AgentStatus s = new AgentStatus("host-3", "master", "host-3", "c1", 4, 65_000,
                Map.of("received", 120L, "sent", 118L, "dropped.unauthenticated", 2L, "dropped.replayed", 1L),
                List.of(), List.of(), List.of());

        assertThat(StatusCommand.describe(s).render()).isEqualTo(
                "host            host-3\n"
                        + "role            master\n"
                        + "master          host-3\n"
                        + "cluster         c1\n"
                        + "config version  4\n"
                        + "uptime          1 min 5 s\n"
                        + "packets         received 120, sent 118\n"
                        + "dropped         3 (replayed 1, unauthenticated 2)\n");
    }

    @Test
    void statusShowsTheHaPolicyWhenTheAgentReportsIt() {
        AgentStatus s = new AgentStatus("host-3", "slave", "host-1", "c1", 4, 1_000, Map.of(), List.of(), List.of(), List.of(),
                new HaPolicy(false, IsolationResponse.SHUTDOWN, true));

        assertThat(StatusCommand.describe(s).render().lines()).contains(
                "ha policy       host monitoring off, isolation response shutdown, admission control on");
    }

    @Test
    void hostsAreListedInNaturalMoidOrder() {
        String text = HostsCommand.table(List.of(
                new HostStatus("host-10", "127.0.0.20", "connectedToMaster", 120, List.of("ds-1", "ds-2"), 3),
                new HostStatus("host-2", "127.0.0.12", "hostDown", -1, List.of(), 0))).render();

        assertThat(text.lines()).containsExactly(
                "HOST     STATE              ADDRESS     LAST HEARD  DATASTORES  VMS",
                "host-2   hostDown           127.0.0.12  never       (none)        0",
                "host-10  connectedToMaster  127.0.0.20  120 ms ago  ds-1,ds-2     3");
    }

    @Test
    void vmsAndDatastoresTables() {
        assertThat(VmsCommand.table(List.of(new VmStatus("vm-5", "app-05", "host-3", "poweredOn", true, "high", "ds-1",
                "requested", 1), new VmStatus("vm-6", "app-06", "host-2", "poweredOff", true, "low", "ds-1",
                "waiting-retry", 2, 1_795_000_000_500L, "no room"), new VmStatus("vm-7", "app-07", "host-2", "poweredOff",
                true, "low", "ds-1", "pending-placement", 0))).render().lines()).containsExactly(
                "VM    NAME    HOST    POWER       PROTECTED  PRIORITY  HOME DATASTORE  RESTART            ATTEMPTS  NEXT ATTEMPT",
                "vm-5  app-05  host-3  poweredOn   yes        high      ds-1            requested                 1  -",
                "vm-6  app-06  host-2  poweredOff  yes        low       ds-1            waiting-retry             2  2026-11-18T11:06:40Z",
                "vm-7  app-07  host-2  poweredOff  yes        low       ds-1            pending-placement         0  -");
        assertThat(DatastoresCommand.table(List.of(new DatastoreStatus("ds-1", true, "host-3", 7, true, 6),
                new DatastoreStatus("ds-2", false, "", 0, false, -1))).render().lines()).containsExactly(
                "NAME  ACCESSIBLE  LEASE OWNER  GENERATION  HELD HERE  PROTECTED VMS",
                "ds-1  yes         host-3                7  yes                    6",
                "ds-2  no          (none)                0  no                     -");
    }

    @Test
    void eventsMergeByTimeAndKeepTheNewest() {
        JournalEvent a = new JournalEvent(1000, "host-1", "master", EventKind.ROLE_CHANGED, "became master", "", -1);
        JournalEvent b = new JournalEvent(3000, "host-1", "master", EventKind.HOST_STATE_CHANGED, "host-2 declared dead", "host-2", -1);
        JournalEvent c = new JournalEvent(2000, "host-3", "slave", EventKind.AGENT_STARTED, "agent started", "", -1);

        assertThat(EventsCommand.newest(List.of(a, b, c), 2)).containsExactly(c, b);
        assertThat(EventsCommand.table(List.of(b)).render()).contains("host-1/master  host-state-changed  host-2 declared dead");
    }
}
