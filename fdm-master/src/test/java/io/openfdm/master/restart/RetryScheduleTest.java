package io.openfdm.master.restart;

import io.openfdm.core.config.RestartPolicy;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryScheduleTest {
    @Test
    void vmwaresScheduleWaitsTwoFourEightAndSixteenMinutesAfterEachFailure() {
        RetrySchedule s = RetrySchedule.of(RestartPolicy.defaults());
        assertThat(s.maxAttempts()).isEqualTo(5);
        assertThat(List.of(s.waitAfterFailureMs(1), s.waitAfterFailureMs(2), s.waitAfterFailureMs(3), s.waitAfterFailureMs(4)))
                .containsExactly(120_000L, 240_000L, 480_000L, 960_000L);
        assertThat(s.exhausted(4)).isFalse();
        assertThat(s.exhausted(5)).isTrue();
        assertThat(s.longestWaitMs()).isEqualTo(960_000L);
        assertThatThrownBy(() -> s.waitAfterFailureMs(5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.waitAfterFailureMs(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theOlderDoublingSettingsMapOntoASchedule() {
        assertThat(RestartPolicy.doublingSchedule(120_000, 5)).isEqualTo(RestartPolicy.VMWARE_ATTEMPT_SCHEDULE_MS);
        assertThat(RestartPolicy.doublingSchedule(500, 5)).containsExactly(0L, 500L, 1500L, 3500L, 7500L);
        assertThat(RestartPolicy.doublingSchedule(200, 1)).containsExactly(0L);
    }
}
