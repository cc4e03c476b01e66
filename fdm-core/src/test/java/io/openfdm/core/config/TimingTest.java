package io.openfdm.core.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimingTest {
    @Test
    void defaultsAndAggressiveProfileAreValid() {
        assertThatCode(() -> Timing.defaults().validate("t")).doesNotThrowAnyException();
        assertThatCode(() -> Timing.aggressive().validate("t")).doesNotThrowAnyException();
    }

    @Test
    void heartbeatIntervalMustBeWellBelowHostTimeout() {
        Timing d = Timing.defaults();
        Timing bad = new Timing(d.tickIntervalMs(), 1000, 2000, d.masterFailureTimeoutMs(), d.electionWindowMs(),
                d.electionClaimIntervalMs(), d.datastoreHeartbeatIntervalMs(), d.datastoreHeartbeatTimeoutMs(),
                d.leaseRenewIntervalMs(), d.leaseStandDownMs(), d.leaseTimeoutMs(), d.leaseClaimSettleMs(),
                d.powerOnTimeoutMs(), d.restartBackoffMs(), d.restartMaxAttempts(), d.maxConcurrentPowerOnsPerHost());
        assertThatThrownBy(() -> bad.validate("cluster.timing"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cluster.timing.hostFailureTimeoutMs");
    }

    @Test
    void leaseTimeoutMustLeaveMarginOverStandDown() {
        Timing d = Timing.defaults();
        Timing bad = new Timing(d.tickIntervalMs(), d.heartbeatIntervalMs(), d.hostFailureTimeoutMs(),
                d.masterFailureTimeoutMs(), d.electionWindowMs(), d.electionClaimIntervalMs(),
                d.datastoreHeartbeatIntervalMs(), d.datastoreHeartbeatTimeoutMs(), d.leaseRenewIntervalMs(),
                1000, 1500, d.leaseClaimSettleMs(), d.powerOnTimeoutMs(), d.restartBackoffMs(),
                d.restartMaxAttempts(), d.maxConcurrentPowerOnsPerHost());
        assertThatThrownBy(() -> bad.validate("cluster.timing"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("leaseTimeoutMs");
    }
}
