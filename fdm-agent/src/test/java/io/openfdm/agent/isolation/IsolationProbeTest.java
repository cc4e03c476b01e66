package io.openfdm.agent.isolation;

import io.openfdm.core.config.IsolationPolicy;
import io.openfdm.core.env.DefaultGateway;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Which addresses are pinged, in which order, and what a round concludes. */
class IsolationProbeTest {
    static IsolationPolicy policy(List<String> addresses, boolean gateway) {
        return new IsolationPolicy(addresses, gateway, 30_000, 300_000);
    }

    @Test
    void gatewayFirstThenConfiguredWithoutDuplicates() {
        assertThat(IsolationAddresses.of(policy(List.of("10.9.0.1", "10.0.0.1"), true), Optional.of("10.0.0.1")))
                .containsExactly("10.0.0.1", "10.9.0.1");
        assertThat(IsolationAddresses.of(policy(List.of("10.9.0.1"), false), Optional.of("10.0.0.1")))
                .as("das.usedefaultisolationaddress=false").containsExactly("10.9.0.1");
        assertThat(IsolationAddresses.of(policy(List.of(), true), Optional.empty())).isEmpty();
    }

    @Test
    void stopsAtTheFirstAnswer() {
        List<String> pinged = new ArrayList<>();
        Set<String> up = Set.of("10.9.0.2");
        IsolationProbe probe = new IsolationProbe(policy(List.of("10.9.0.1", "10.9.0.2", "10.9.0.3"), true),
                DefaultGateway.of("10.0.0.1"), (a, timeoutMs) -> {
                    pinged.add(a);
                    assertThat(timeoutMs).isEqualTo(IsolationProbe.PING_TIMEOUT_MS);
                    return up.contains(a);
                });
        assertThat(probe.run()).isEqualTo(new ProbeOutcome.Answered("10.9.0.2"));
        assertThat(pinged).containsExactly("10.0.0.1", "10.9.0.1", "10.9.0.2");
    }

    @Test
    void noneAnsweredListsEveryAddressTried() {
        IsolationProbe probe = new IsolationProbe(policy(List.of("10.9.0.1"), true), DefaultGateway.of("10.0.0.1"), (a, t) -> false);
        assertThat(probe.run()).isEqualTo(new ProbeOutcome.NoneAnswered(List.of("10.0.0.1", "10.9.0.1")));
    }

    @Test
    void nothingToPing() {
        IsolationProbe probe = new IsolationProbe(policy(List.of(), true), DefaultGateway.none(), (a, t) -> true);
        assertThat(probe.run()).isEqualTo(new ProbeOutcome.NoAddress());
        IsolationProbe failingGateway = new IsolationProbe(policy(List.of(), true), () -> {
            throw new IllegalStateException("cannot read routes");
        }, (a, t) -> true);
        assertThat(failingGateway.run()).isEqualTo(new ProbeOutcome.NoAddress());
    }
}
