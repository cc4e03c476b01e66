package io.openfdm.core.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class IsolationPolicyTest {
    @Test
    void defaultsAreVmwares() {
        IsolationPolicy d = IsolationPolicy.defaults();
        assertThat(d.isolationAddresses()).isEmpty();
        assertThat(d.useDefaultIsolationAddress()).isTrue();
        assertThat(d.policyDelayMs()).isEqualTo(30_000);
        assertThat(d.shutdownTimeoutMs()).isEqualTo(300_000);
        assertThatCode(() -> d.validate("cluster.ha.isolation")).doesNotThrowAnyException();
        assertThat(HaPolicy.defaults().isolation()).isEqualTo(d);
        assertThat(new HaPolicy(true, IsolationResponse.NONE, true, (IsolationPolicy) null).isolation()).isEqualTo(d);
    }

    static Stream<Arguments> bad() {
        return Stream.of(
                Arguments.of(new IsolationPolicy(Collections.nCopies(11, "10.0.0.1"), true, 30_000, 300_000),
                        "cluster.ha.isolation.isolationAddresses", "at most 10"),
                Arguments.of(new IsolationPolicy(List.of("10.0.0.1", " "), true, 30_000, 300_000),
                        "cluster.ha.isolation.isolationAddresses[1]", "IP address or host name"),
                Arguments.of(new IsolationPolicy(List.of("10.0.0.1 10.0.0.2"), true, 30_000, 300_000),
                        "cluster.ha.isolation.isolationAddresses[0]", "IP address or host name"),
                Arguments.of(new IsolationPolicy(List.of(), true, 29_999, 300_000),
                        "cluster.ha.isolation.policyDelayMs", ">= 30000"),
                Arguments.of(new IsolationPolicy(List.of(), true, 30_000, 0),
                        "cluster.ha.isolation.shutdownTimeoutMs", "> 0"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("bad")
    void aBadFieldIsNamed(IsolationPolicy policy, String field, String rule) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> policy.validate("cluster.ha.isolation"));
        assertThat(e).isNotNull();
        assertThat(e.field()).isEqualTo(field);
        assertThat(e.rule()).contains(rule);
        ConfigException viaPolicy = catchThrowableOfType(ConfigException.class,
                () -> new HaPolicy(true, IsolationResponse.POWER_OFF, true, policy).validate("cluster.ha"));
        assertThat(viaPolicy.field()).isEqualTo(field);
    }

    @Test
    void tenAddressesAndThirtySecondsAreAllowed() {
        assertThatCode(() -> new IsolationPolicy(Collections.nCopies(10, "10.0.0.1"), false, 30_000, 1).validate("p"))
                .doesNotThrowAnyException();
    }
}
