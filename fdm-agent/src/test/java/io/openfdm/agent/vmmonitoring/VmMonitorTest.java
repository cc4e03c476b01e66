package io.openfdm.agent.vmmonitoring;

import io.openfdm.core.config.VmMonitoringPolicy;
import io.openfdm.core.model.GuestHeartbeat;
import io.openfdm.core.model.PowerState;
import io.openfdm.core.model.RestartPriority;
import io.openfdm.core.model.VmId;
import io.openfdm.core.model.VmInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link VmMonitor} as a table: each row is a timeline of one VM's observations, one per second
 * (a letter per second: G green, Y yellow, R red, A gray, O powered off), and the seconds at
 * which it must be reset (R) or found at its limit (L).
 */
class VmMonitorTest {
    private static final VmId VM = VmId.of("vm-1");
    /** 10 s failure interval, 5 s minimum uptime, 2 resets per 100 s. */
    private static final VmMonitoringPolicy SMALL = new VmMonitoringPolicy(true, 10_000, 5_000, 2, 100_000);

    static Stream<Arguments> timelines() {
        return Stream.of(
                Arguments.of("heartbeats throughout: never reset", SMALL,
                        "G".repeat(60), List.of()),
                Arguments.of("stopped at 10 s: reset 10 s after the last heartbeat (second 9)", SMALL,
                        "G".repeat(10) + "R".repeat(15), List.of("R19")),
                Arguments.of("yellow (intermittent) counts as a heartbeat", SMALL,
                        "G".repeat(5) + "Y".repeat(40), List.of()),
                Arguments.of("gray after green counts as stopped (tools gone)", SMALL,
                        "G".repeat(10) + "A".repeat(12), List.of("R19")),
                Arguments.of("never a heartbeat (no guest tools): never reset", SMALL,
                        "R".repeat(40), List.of()),
                Arguments.of("absent for less than the failure interval: no reset", SMALL,
                        "G".repeat(10) + "R".repeat(9) + "G".repeat(20), List.of()),
                Arguments.of("stopped within the minimum uptime: judged once it has passed and the interval too",
                        new VmMonitoringPolicy(true, 3_000, 20_000, 3, 100_000),
                        "G".repeat(2) + "R".repeat(25), List.of("R20")),
                Arguments.of("a guest that never comes back is reset again after the interval, up to the limit", SMALL,
                        "G".repeat(10) + "R".repeat(50), List.of("R19", "R29", "L39")),
                Arguments.of("limit said once, then a reset once the first falls out of the window", SMALL,
                        "G".repeat(10) + "R".repeat(110), List.of("R19", "R29", "L39", "R119")),
                Arguments.of("power-off forgets the VM and its resets", SMALL,
                        "G".repeat(10) + "R".repeat(20) + "O" + "G".repeat(10) + "R".repeat(29),
                        List.of("R19", "R29", "R50", "R60")),
                Arguments.of("disabled: nothing", VmMonitoringPolicy.of(false, VmMonitoringPolicy.Sensitivity.HIGH),
                        "G".repeat(10) + "R".repeat(200), List.of()),
                Arguments.of("high sensitivity: 30 s", VmMonitoringPolicy.of(true, VmMonitoringPolicy.Sensitivity.HIGH),
                        "G".repeat(130) + "R".repeat(40), List.of("R159")),
                Arguments.of("medium sensitivity: 60 s", VmMonitoringPolicy.of(true, VmMonitoringPolicy.Sensitivity.MEDIUM),
                        "G".repeat(130) + "R".repeat(70), List.of("R189")),
                Arguments.of("low sensitivity: 120 s", VmMonitoringPolicy.of(true, VmMonitoringPolicy.Sensitivity.LOW),
                        "G".repeat(130) + "R".repeat(130), List.of("R249")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("timelines")
    void resetsWhereTheTableSays(String name, VmMonitoringPolicy policy, String timeline, List<String> expected) {
        assertThat(run(policy, timeline)).isEqualTo(expected);
    }

    @Test
    void presetsAreVmwaresAndEachAllowsThreeResets() {
        assertThat(VmMonitoringPolicy.Sensitivity.HIGH.failureIntervalMs()).isEqualTo(30_000);
        assertThat(VmMonitoringPolicy.Sensitivity.HIGH.resetWindowMs()).isEqualTo(3_600_000);
        assertThat(VmMonitoringPolicy.Sensitivity.MEDIUM.failureIntervalMs()).isEqualTo(60_000);
        assertThat(VmMonitoringPolicy.Sensitivity.MEDIUM.resetWindowMs()).isEqualTo(86_400_000);
        assertThat(VmMonitoringPolicy.Sensitivity.LOW.failureIntervalMs()).isEqualTo(120_000);
        assertThat(VmMonitoringPolicy.Sensitivity.LOW.resetWindowMs()).isEqualTo(7 * 86_400_000L);
        assertThat(VmMonitoringPolicy.of(true, VmMonitoringPolicy.Sensitivity.LOW).maxResets()).isEqualTo(3);
    }

    @Test
    void eachVmIsJudgedOnItsOwn() {
        VmId other = VmId.of("vm-2");
        VmMonitor.State state = VmMonitor.State.empty();
        List<VmMonitor.Decision> all = new ArrayList<>();
        for (int second = 0; second < 25; second++) {
            GuestHeartbeat first = second < 10 ? GuestHeartbeat.GREEN : GuestHeartbeat.RED;
            VmMonitor.Result r = VmMonitor.observe(state, List.of(vm(VM, PowerState.POWERED_ON, first),
                    vm(other, PowerState.POWERED_ON, GuestHeartbeat.GREEN)), second * 1000L, SMALL);
            state = r.state();
            all.addAll(r.decisions());
        }
        assertThat(all).containsExactly(new VmMonitor.Reset(VM, 10_000, 1));
        assertThat(state.vms()).containsOnlyKeys(VM, other);
    }

    /** Runs a timeline; returns "R<second>" per reset and "L<second>" per limit reached. */
    private static List<String> run(VmMonitoringPolicy policy, String timeline) {
        VmMonitor.State state = VmMonitor.State.empty();
        List<String> out = new ArrayList<>();
        for (int second = 0; second < timeline.length(); second++) {
            char c = timeline.charAt(second);
            VmInfo info = switch (c) {
                case 'G' -> vm(VM, PowerState.POWERED_ON, GuestHeartbeat.GREEN);
                case 'Y' -> vm(VM, PowerState.POWERED_ON, GuestHeartbeat.YELLOW);
                case 'R' -> vm(VM, PowerState.POWERED_ON, GuestHeartbeat.RED);
                case 'A' -> vm(VM, PowerState.POWERED_ON, GuestHeartbeat.GRAY);
                case 'O' -> vm(VM, PowerState.POWERED_OFF, GuestHeartbeat.GRAY);
                default -> throw new IllegalArgumentException("timeline letter " + c);
            };
            VmMonitor.Result r = VmMonitor.observe(state, List.of(info), second * 1000L, policy);
            state = r.state();
            for (VmMonitor.Decision d : r.decisions()) {
                out.add((d instanceof VmMonitor.Reset ? "R" : "L") + second);
            }
        }
        return out;
    }

    private static VmInfo vm(VmId id, PowerState power, GuestHeartbeat heartbeat) {
        return new VmInfo(id, id.moid(), "ds-1", power, 0, 0, RestartPriority.MEDIUM, heartbeat);
    }
}
