package io.openfdm.datastore.heartbeat;

import org.junit.jupiter.api.Test;

import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

class HeartbeatViewTest {
    private static final long TIMEOUT_MS = 2000;

    @Test
    void neverSeenIsStaleAfterTheTimeoutSinceWatchingBegan() {
        HeartbeatView v = HeartbeatView.start(1000);
        v = HeartbeatView.observe(v, OptionalLong.empty(), 2000);
        assertThat(v.seen()).isFalse();
        assertThat(HeartbeatView.stale(v, 2999, TIMEOUT_MS)).isFalse();
        assertThat(HeartbeatView.stale(v, 3000, TIMEOUT_MS)).isTrue();
    }

    @Test
    void aChangingCounterKeepsItFresh() {
        HeartbeatView v = HeartbeatView.start(0);
        for (long t = 0, c = 1; t < 10_000; t += 500, c++) {
            v = HeartbeatView.observe(v, OptionalLong.of(c), t);
            assertThat(HeartbeatView.stale(v, t + 1999, TIMEOUT_MS)).isFalse();
        }
        assertThat(v.seen()).isTrue();
        assertThat(v.lastChangeMs()).isEqualTo(9500);
    }

    @Test
    void anUnchangedCounterGoesStaleExactlyAtTheTimeout() {
        HeartbeatView v = HeartbeatView.observe(HeartbeatView.start(0), OptionalLong.of(7), 100);
        v = HeartbeatView.observe(v, OptionalLong.of(7), 1500);
        v = HeartbeatView.observe(v, OptionalLong.of(7), 2099);
        assertThat(HeartbeatView.stale(v, 2099, TIMEOUT_MS)).isFalse();
        assertThat(HeartbeatView.stale(v, 2100, TIMEOUT_MS)).isTrue();
    }

    @Test
    void absentOrCorruptReadsNeitherProveLifeNorRestartTheTimer() {
        HeartbeatView v = HeartbeatView.observe(HeartbeatView.start(0), OptionalLong.of(7), 0);
        v = HeartbeatView.observe(v, OptionalLong.empty(), 1000);
        v = HeartbeatView.observe(v, OptionalLong.empty(), 1999);
        assertThat(HeartbeatView.stale(v, 2000, TIMEOUT_MS)).isTrue();
        assertThat(v.lastCounter()).isEqualTo(7);
    }

    @Test
    void aCounterThatGoesBackwardsIsAChange() {
        HeartbeatView v = HeartbeatView.observe(HeartbeatView.start(0), OptionalLong.of(900), 0);
        v = HeartbeatView.observe(v, OptionalLong.of(1), 1500); // host restarted and began at 1
        assertThat(HeartbeatView.stale(v, 3000, TIMEOUT_MS)).isFalse();
    }
}
