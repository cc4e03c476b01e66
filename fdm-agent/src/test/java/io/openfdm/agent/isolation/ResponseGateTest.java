package io.openfdm.agent.isolation;

import io.openfdm.core.config.Timing;
import io.openfdm.core.model.HostId;
import io.openfdm.datastore.lease.LeaseMachine;
import io.openfdm.datastore.lease.LeaseObservation;
import io.openfdm.datastore.lease.LeaseRecord;
import io.openfdm.datastore.lease.LeaseState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The isolation response goes ahead only where another master owns the datastore or it is lost. */
class ResponseGateTest {
    static final Timing T = Timing.defaults(); // leaseTimeoutMs 2000
    static final HostId SELF = HostId.of("host-1");
    static final HostId OTHER = HostId.of("host-3");

    /** This host's view of ds-1's lease after reading {@code obs} at {@code seenMs}. */
    static LeaseState seen(LeaseObservation obs, long seenMs) {
        return LeaseMachine.observe(LeaseState.initial("c1", "ds-1", SELF), obs, false, seenMs, T).state();
    }

    static LeaseObservation owner(HostId host) {
        return new LeaseObservation.Present(new LeaseRecord("c1", host, 1, 7, 0));
    }

    static Stream<Arguments> rows() {
        return Stream.of(
                Arguments.of("another master renewed 0.5 s ago", "ds-1", Set.of("ds-1"), seen(owner(OTHER), 9_500), 10_000,
                        true, "master host-3 holds the lease on ds-1"),
                Arguments.of("this host lost access to the datastore", "ds-1", Set.of("ds-2"), seen(owner(OTHER), 0), 10_000,
                        true, "this host lost access to ds-1"),
                Arguments.of("lost access, no lease known at all", "ds-1", Set.of(), null, 10_000,
                        true, "this host lost access to ds-1"),
                Arguments.of("neither: lease released", "ds-1", Set.of("ds-1"),
                        seen(new LeaseObservation.Present(new LeaseRecord("c1", null, 1, 8, 0)), 9_500), 10_000,
                        false, "no other master holds the lease on ds-1"),
                Arguments.of("neither: no lease file", "ds-1", Set.of("ds-1"), seen(new LeaseObservation.Absent(), 9_500), 10_000,
                        false, "no other master holds the lease on ds-1"),
                Arguments.of("neither: the lease names this host", "ds-1", Set.of("ds-1"), seen(owner(SELF), 9_500), 10_000,
                        false, "no other master holds the lease on ds-1"),
                Arguments.of("neither: another owner, unrenewed for leaseTimeoutMs", "ds-1", Set.of("ds-1"),
                        seen(owner(OTHER), 8_000), 10_000, false, "the lease of host-3 on ds-1 has not been renewed for 2000 ms"),
                Arguments.of("neither: never read", "ds-1", Set.of("ds-1"), LeaseState.initial("c1", "ds-1", SELF), 10_000,
                        false, "no other master holds the lease on ds-1"),
                Arguments.of("home datastore unknown", "", Set.of("ds-1"), null, 10_000, false, "its home datastore is unknown"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void verdict(String name, String home, Set<String> accessible, LeaseState lease, long nowMs, boolean apply, String reason) {
        ResponseGate.Verdict v = ResponseGate.judge(home, accessible, lease, nowMs, T);
        assertThat(v.apply()).isEqualTo(apply);
        assertThat(v.reason()).isEqualTo(reason);
    }
}
