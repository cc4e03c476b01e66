package io.openfdm.core.config;

import io.openfdm.core.model.HostId;
import io.openfdm.core.model.RestartPriority;
import io.openfdm.core.model.VmId;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class RestartPolicyTest {
    private static final VmId A = VmId.of("vm-1");
    private static final VmId B = VmId.of("vm-2");

    private static ConfigException error(RestartPolicy p, Map<VmId, RestartPriority> priorities) {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> p.validate("cluster.restart", priorities, Set.of(HostId.of("host-1"))));
        assertThat(e).as("expected a ConfigException").isNotNull();
        return e;
    }

    @Test
    void defaultsAreVmwaresAndValid() {
        RestartPolicy d = RestartPolicy.defaults();
        d.validate("cluster.restart", Map.of(), Set.of());
        assertThat(d.attemptScheduleMs()).containsExactly(0L, 120_000L, 360_000L, 840_000L, 1_800_000L);
        assertThat(d.maxAttempts()).isEqualTo(5);
        assertThat(d.readyCondition()).isEqualTo(ReadyCondition.NONE);
        assertThat(d.readyTimeoutMs()).isEqualTo(600_000L);
        assertThat(ClusterConfig.legacyRestartPolicy(Timing.defaults())).isEqualTo(d);
    }

    @Test
    void rulesThatCannotHoldAreRefusedByField() {
        RestartPolicy base = RestartPolicy.withSchedule(List.of(0L));
        assertThat(error(base.schedule(List.of()), Map.of()).field()).isEqualTo("cluster.restart.attemptScheduleMs");
        assertThat(error(new RestartPolicy(List.of(0L), null, -1, 1, null, null, null), Map.of()).field())
                .isEqualTo("cluster.restart.postReadyDelayMs");
        assertThat(error(new RestartPolicy(List.of(0L), null, 0, 0, null, null, null), Map.of()).field())
                .isEqualTo("cluster.restart.readyTimeoutMs");
        assertThat(error(new RestartPolicy(List.of(0L), null, 0, 1, List.of(new DependencyRule(A, A)), null, null), Map.of())
                .field()).isEqualTo("cluster.restart.dependencies[0].dependsOn");
        ConfigException both = error(base.withRules(List.of(new VmVmRule("t", true, List.of(A, B)),
                new VmVmRule("a", false, List.of(B, A))), List.of()), Map.of());
        assertThat(both.field()).isEqualTo("cluster.restart.vmVmRules[1].vms");
        assertThat(both.rule()).contains("affinity rule t keeps them together");
        assertThat(error(base.withRules(List.of(new VmVmRule("t", true, List.of(A))), List.of()), Map.of()).field())
                .isEqualTo("cluster.restart.vmVmRules[0].vms");
        assertThat(error(base.withRules(List.of(), List.of(new VmHostRule("h", true, List.of(A), List.of()))), Map.of())
                .field()).isEqualTo("cluster.restart.vmHostRules[0].hosts");
        // Same priority may depend; higher on lower may not.
        RestartPolicy dep = new RestartPolicy(List.of(0L), null, 0, 1, List.of(new DependencyRule(A, B)), null, null);
        dep.validate("cluster.restart", Map.of(A, RestartPriority.HIGH, B, RestartPriority.HIGH), Set.of());
        dep.validate("cluster.restart", Map.of(A, RestartPriority.LOW, B, RestartPriority.HIGH), Set.of());
        assertThat(error(dep, Map.of(A, RestartPriority.HIGH, B, RestartPriority.LOW)).field())
                .isEqualTo("cluster.restart.dependencies[0].dependsOn");
    }
}
