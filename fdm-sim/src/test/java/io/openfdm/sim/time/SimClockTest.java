package io.openfdm.sim.time;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimClockTest {
    @Test
    void driftMakesTheMonotonicClockRunFastOrSlowWithoutTouchingWallTime() {
        Scheduler s = new Scheduler();
        SimClock fast = new SimClock(s, 1_000);
        SimClock slow = new SimClock(s, 0);
        s.runUntil(10_000, () -> { });
        fast.setDriftPercent(5);
        slow.setDriftPercent(-5);
        long fast0 = fast.monotonicMs();
        long slow0 = slow.monotonicMs();
        assertThat(fast0).isEqualTo(11_000);
        assertThat(slow0).isEqualTo(10_000);
        s.runUntil(30_000, () -> { });
        assertThat(fast.monotonicMs() - fast0).isEqualTo(21_000);
        assertThat(slow.monotonicMs() - slow0).isEqualTo(19_000);
        assertThat(fast.wallMs()).isEqualTo(slow.wallMs()).isEqualTo(SimClock.EPOCH_MS + 30_000);
        // A 2000 ms timer of the fast host fires after 1905 ms of virtual time.
        assertThat(fast.virtualDelayFor(2_000)).isEqualTo(1_905);
        assertThat(slow.virtualDelayFor(2_000)).isEqualTo(2_105);
    }

    @Test
    void theAgentThreadsBlockedTimeShowsOnItsClock() {
        Scheduler s = new Scheduler();
        SimClock c = new SimClock(s, 0);
        long[] inStep = {0};
        c.setInStepDelay(() -> inStep[0]);
        inStep[0] = 700;
        assertThat(c.monotonicMs()).isEqualTo(700);
        assertThatThrownBy(() -> c.setDriftPercent(80)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("drift");
    }
}
