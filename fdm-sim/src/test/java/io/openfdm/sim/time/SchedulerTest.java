package io.openfdm.sim.time;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchedulerTest {
    @Test
    void runsByTimeThenInsertionOrder() {
        Scheduler s = new Scheduler();
        List<String> log = new ArrayList<>();
        s.at(20, () -> log.add("b@" + s.nowMs()));
        s.at(10, () -> log.add("a@" + s.nowMs()));
        s.at(20, () -> log.add("c@" + s.nowMs()));
        s.at(10, () -> s.after(0, () -> log.add("d@" + s.nowMs())));
        s.runUntil(100, () -> { });
        assertThat(log).containsExactly("a@10", "d@10", "b@20", "c@20");
        assertThat(s.nowMs()).isEqualTo(100);
        assertThat(s.executed()).isEqualTo(5);
    }

    @Test
    void stopsAtEndAndKeepsLaterEvents() {
        Scheduler s = new Scheduler();
        List<Long> seen = new ArrayList<>();
        s.at(50, () -> seen.add(s.nowMs()));
        s.at(51, () -> seen.add(s.nowMs()));
        int[] checks = {0};
        s.runUntil(50, () -> checks[0]++);
        assertThat(seen).containsExactly(50L);
        assertThat(checks[0]).isEqualTo(1);
        assertThat(s.pending()).isEqualTo(1);
        s.runUntil(60, () -> { });
        assertThat(seen).containsExactly(50L, 51L);
    }

    @Test
    void rejectsThePastAndLivelock() {
        Scheduler s = new Scheduler(100);
        s.runUntil(10, () -> { });
        assertThatThrownBy(() -> s.at(5, () -> { })).hasMessageContaining("now is 10 ms");
        Runnable[] loop = new Runnable[1];
        loop[0] = () -> s.after(0, loop[0]);
        s.after(0, loop[0]);
        assertThatThrownBy(() -> s.runUntil(20, () -> { })).hasMessageContaining("livelock");
    }

    @Test
    void clockOffsetsAndWallJump() {
        Scheduler s = new Scheduler();
        SimClock a = new SimClock(s, 0);
        SimClock b = new SimClock(s, 7_000);
        s.runUntil(1_500, () -> { });
        assertThat(a.monotonicMs()).isEqualTo(1_500);
        assertThat(b.monotonicMs()).isEqualTo(8_500);
        assertThat(a.wallMs()).isEqualTo(SimClock.EPOCH_MS + 1_500);
        b.jumpWall(-60_000);
        assertThat(b.wallMs()).isEqualTo(SimClock.EPOCH_MS + 1_500 - 60_000);
        assertThat(b.monotonicMs()).isEqualTo(8_500);
        assertThat(a.wallMs()).isEqualTo(SimClock.EPOCH_MS + 1_500);
    }
}
