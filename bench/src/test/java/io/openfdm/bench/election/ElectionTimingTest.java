package io.openfdm.bench.election;

import io.openfdm.core.journal.EventKind;
import io.openfdm.core.journal.JournalEvent;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ElectionTimingTest {
    static JournalEvent ev(long wallMs, String host, EventKind kind, String message, String subject) {
        return new JournalEvent(wallMs, host, "election", kind, message, subject, -1);
    }

    static JournalEvent started(long at, String host) {
        return ev(at, host, EventKind.ELECTION_STARTED, "election started: agent started", "");
    }

    @Test
    void settlesFromTheFirstStartToTheLastDecision() {
        Map<String, List<JournalEvent>> events = new LinkedHashMap<>();
        events.put("host-1", List.of(started(1_000, "host-1"),
                ev(1_300, "host-1", EventKind.ROLE_CHANGED, "slave of host-2 (joined the running master)", "host-2")));
        events.put("host-2", List.of(started(1_050, "host-2"),
                ev(1_200, "host-2", EventKind.ROLE_CHANGED, "became master", "host-2")));
        ElectionTiming t = ElectionTiming.of(events, 900);
        assertThat(t.master()).isEqualTo("host-2");
        assertThat(t.settleMs()).isEqualTo(300);
        assertThat(t.startSpreadMs()).isEqualTo(50);
        assertThat(t.agents()).isEqualTo(2);
    }

    @Test
    void ignoresEventsBeforeTheGivenTimeAndStepDownsAreNotDecisions() {
        Map<String, List<JournalEvent>> events = Map.of("host-1", List.of(
                started(100, "host-1"),
                ev(150, "host-1", EventKind.ROLE_CHANGED, "became master", "host-1"),
                started(2_000, "host-1"),
                ev(2_010, "host-1", EventKind.ROLE_CHANGED, "slave of host-3 (stronger)", "host-3"),
                ev(2_500, "host-1", EventKind.ROLE_CHANGED, "stepped down as master: x", "host-1")));
        ElectionTiming t = ElectionTiming.of(events, 1_000);
        assertThat(t.master()).isEqualTo("host-3");
        assertThat(t.firstStartMs()).isEqualTo(2_000);
        assertThat(t.lastDecisionMs()).isEqualTo(2_010);
    }

    @Test
    void anAgentWithoutADecisionOrWithAnotherMasterIsNotSettled() {
        Map<String, List<JournalEvent>> undecided = new LinkedHashMap<>();
        undecided.put("host-1", List.of(started(10, "host-1")));
        assertThatThrownBy(() -> ElectionTiming.of(undecided, 0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("host-1 decided nothing");

        Map<String, List<JournalEvent>> split = new LinkedHashMap<>();
        split.put("host-1", List.of(started(10, "host-1"), ev(20, "host-1", EventKind.ROLE_CHANGED, "became master", "host-1")));
        split.put("host-2", List.of(started(10, "host-2"), ev(20, "host-2", EventKind.ROLE_CHANGED, "became master", "host-2")));
        assertThatThrownBy(() -> ElectionTiming.of(split, 0)).hasMessageContaining("host-2 decided for host-2, others for host-1");
    }
}
