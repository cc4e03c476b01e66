package io.openfdm.master.restart;

import io.openfdm.core.config.DependencyRule;
import io.openfdm.core.config.ReadyCondition;
import io.openfdm.core.config.RestartPolicy;
import io.openfdm.core.model.VmId;
import io.openfdm.master.restart.RestartOrder.Member;
import io.openfdm.master.restart.RestartOrder.Stage;
import io.openfdm.master.restart.RestartOrder.Verdict;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RestartOrderTest {
    private static final VmId HIGH = VmId.of("vm-1");
    private static final VmId LOW = VmId.of("vm-2");
    private static final long NOW = 100_000;

    private static RestartOrder order(ReadyCondition c, long delayMs, long timeoutMs, List<DependencyRule> deps) {
        return new RestartOrder(new RestartPolicy(List.of(0L), c, delayMs, timeoutMs, deps, List.of(), List.of()));
    }

    /**
     * One row per stage of a high-priority VM (rank 4) and what a low-priority VM (rank 2) may do,
     * with condition poweredOn, post-ready delay 5 s, ready timeout 60 s. {@code sinceAgoMs} is how
     * long ago the high VM started or became ready.
     */
    @ParameterizedTest(name = "high {0} since {1} ms ago -> low {2}")
    @CsvSource({
            "WAITING,  0,      hold",
            "STARTING, 1000,   hold",
            "STARTING, 60000,  go",     // started a ready timeout ago: no longer holds anyone
            "READY,    4999,   hold",   // within the post-ready delay
            "READY,    5000,   go",
            "RETRYING, 0,      go",     // a failed power-on does not block lower priorities (VMware)
            "GAVE_UP,  0,      go",
    })
    void aLowerPriorityWaitsForTheHigherOnesReadinessAndDelay(Stage stage, long sinceAgoMs, String expected) {
        RestartOrder order = order(ReadyCondition.POWERED_ON, 5000, 60_000, List.of());
        Member high = new Member(HIGH, 4, stage, NOW - sinceAgoMs);
        Verdict v = order.round(List.of(high), vm -> Optional.empty(), NOW).verdict(LOW, 2, -1);
        assertThat(v instanceof Verdict.Hold ? "hold" : "go").isEqualTo(expected);
    }

    @Test
    void withoutAReadyConditionPrioritiesDoNotWait() {
        RestartOrder order = order(ReadyCondition.NONE, 5000, 60_000, List.of());
        assertThat(order.trivial()).isTrue();
        Member high = new Member(HIGH, 4, Stage.WAITING, 0);
        assertThat(order.round(List.of(high), vm -> Optional.empty(), NOW).verdict(LOW, 2, -1)).isEqualTo(new Verdict.Go());
    }

    @Test
    void sameOrHigherPriorityIsNotHeldByPriority() {
        RestartOrder order = order(ReadyCondition.POWERED_ON, 0, 60_000, List.of());
        Member high = new Member(HIGH, 4, Stage.WAITING, 0);
        RestartOrder.Round round = order.round(List.of(high), vm -> Optional.empty(), NOW);
        assertThat(round.verdict(LOW, 4, -1)).isEqualTo(new Verdict.Go());
        assertThat(round.verdict(LOW, 5, -1)).isEqualTo(new Verdict.Go());
        assertThat(round.verdict(LOW, 3, -1)).isEqualTo(new Verdict.Hold("vm-1 (priority high) to be ready (powered on)"));
    }

    @Test
    void aHeldVmStartsAnywayAfterTheReadyTimeout() {
        RestartOrder order = order(ReadyCondition.GUEST_HEARTBEAT, 0, 60_000, List.of());
        Member high = new Member(HIGH, 4, Stage.WAITING, 0);
        RestartOrder.Round round = order.round(List.of(high), vm -> Optional.empty(), NOW);
        assertThat(round.verdict(LOW, 2, NOW - 59_999)).isInstanceOf(Verdict.Hold.class);
        assertThat(round.verdict(LOW, 2, NOW - 60_000)).isEqualTo(
                new Verdict.GoAfterTimeout("vm-1 (priority high) to be ready (guest heartbeat green)"));
    }

    @Test
    void aDependencyWaitsForItsTargetToBeReadyPlusTheDelayWhateverTheCondition() {
        RestartOrder order = order(ReadyCondition.NONE, 2000, 60_000, List.of(new DependencyRule(LOW, HIGH)));
        assertThat(order.trivial()).isFalse();
        assertThat(order.dependencyCondition()).isEqualTo(ReadyCondition.POWERED_ON);
        Map<VmId, Member> states = Map.of(HIGH, new Member(HIGH, 2, Stage.STARTING, NOW - 10));
        assertThat(order.round(states.values(), vm -> Optional.ofNullable(states.get(vm)), NOW).verdict(LOW, 2, -1))
                .isEqualTo(new Verdict.Hold("vm-1 (dependency) to be ready (powered on)"));
        Map<VmId, Member> ready = Map.of(HIGH, new Member(HIGH, 2, Stage.READY, NOW - 1000));
        assertThat(order.round(ready.values(), vm -> Optional.ofNullable(ready.get(vm)), NOW).verdict(LOW, 2, -1))
                .isInstanceOf(Verdict.Hold.class);
        Map<VmId, Member> past = Map.of(HIGH, new Member(HIGH, 2, Stage.READY, NOW - 2000));
        assertThat(order.round(past.values(), vm -> Optional.ofNullable(past.get(vm)), NOW).verdict(LOW, 2, -1))
                .isEqualTo(new Verdict.Go());
        // A target running before this master knew it is ready since forever.
        assertThat(order.round(List.of(), vm -> Optional.of(new Member(vm, 2, Stage.READY, Long.MIN_VALUE)), NOW)
                .verdict(LOW, 2, -1)).isEqualTo(new Verdict.Go());
        // A target that is nowhere holds the VM until the timeout.
        assertThat(order.round(List.of(), vm -> Optional.empty(), NOW).verdict(LOW, 2, -1)).isInstanceOf(Verdict.Hold.class);
    }

    @Test
    void aDependencyOnALowerPriorityIsIgnoredAtRunTime() {
        RestartOrder order = order(ReadyCondition.NONE, 0, 60_000, List.of(new DependencyRule(HIGH, LOW)));
        Member low = new Member(LOW, 1, Stage.WAITING, 0);
        assertThat(order.round(List.of(low), vm -> Optional.of(low), NOW).verdict(HIGH, 4, -1)).isEqualTo(new Verdict.Go());
    }
}
