package io.openfdm.agent.vmmonitoring;

import io.openfdm.core.config.ClusterConfig;
import io.openfdm.core.config.DatastoreSpec;
import io.openfdm.core.config.HaPolicy;
import io.openfdm.core.config.HostSpec;
import io.openfdm.core.config.IsolationResponse;
import io.openfdm.core.config.Timing;
import io.openfdm.core.config.VmMonitoringPolicy;
import io.openfdm.core.config.VmOverride;
import io.openfdm.core.model.GuestHeartbeat;
import io.openfdm.core.model.HostId;
import io.openfdm.core.model.PowerState;
import io.openfdm.core.model.RestartPriority;
import io.openfdm.core.model.VmId;
import io.openfdm.core.model.VmInfo;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link VmMonitor} with per-VM policies ({@code vmOverrides[].vmMonitoring}). */
class VmMonitorPerVmTest {
    private static final VmId ON = VmId.of("vm-1");
    private static final VmId OFF = VmId.of("vm-2");
    private static final VmId SLOW = VmId.of("vm-3");
    /** 10 s failure interval, 5 s minimum uptime, 2 resets per 100 s. */
    private static final VmMonitoringPolicy CLUSTER = new VmMonitoringPolicy(true, 10_000, 5_000, 2, 100_000);

    @Test
    void aVmWithMonitoringDisabledIsNotResetAndOneWithItsOwnIntervalWaitsForIt() {
        VmMonitoringPolicies policies = new VmMonitoringPolicies(CLUSTER, Map.of(
                OFF, VmMonitoringPolicy.of(false, VmMonitoringPolicy.Sensitivity.HIGH),
                SLOW, new VmMonitoringPolicy(true, 20_000, 5_000, 1, 100_000)));
        VmMonitor.State state = VmMonitor.State.empty();
        List<String> decisions = new ArrayList<>();
        for (int second = 0; second < 60; second++) {
            GuestHeartbeat hb = second < 10 ? GuestHeartbeat.GREEN : GuestHeartbeat.RED;
            VmMonitor.Result r = VmMonitor.observe(state, List.of(vm(ON, hb), vm(OFF, hb), vm(SLOW, hb)), second * 1000L,
                    policies);
            state = r.state();
            for (VmMonitor.Decision d : r.decisions()) {
                decisions.add((d instanceof VmMonitor.Reset ? "R " : "L ") + d.vm() + " " + second);
            }
        }
        // vm-1 (cluster policy): 10 s after its last heartbeat at 9, twice, then the limit;
        // vm-2 (disabled): never; vm-3 (20 s, one reset): once at 29, then the limit at 49.
        assertThat(decisions).containsExactly("R vm-1 19", "R vm-1 29", "R vm-3 29", "L vm-1 39", "L vm-3 49");
    }

    @Test
    void aVmOfItsOwnIsWatchedWhenTheClusterHasMonitoringOff() {
        VmMonitoringPolicies policies = new VmMonitoringPolicies(VmMonitoringPolicy.disabled(), Map.of(ON, CLUSTER));
        VmMonitor.State state = VmMonitor.State.empty();
        List<VmId> reset = new ArrayList<>();
        for (int second = 0; second < 25; second++) {
            GuestHeartbeat hb = second < 10 ? GuestHeartbeat.GREEN : GuestHeartbeat.RED;
            VmMonitor.Result r = VmMonitor.observe(state, List.of(vm(ON, hb), vm(OFF, hb)), second * 1000L, policies);
            state = r.state();
            r.decisions().forEach(d -> reset.add(d.vm()));
        }
        assertThat(reset).containsExactly(ON);
    }

    @Test
    void policiesComeFromTheOverridesOfAConfiguration() {
        VmMonitoringPolicy own = VmMonitoringPolicy.of(true, VmMonitoringPolicy.Sensitivity.LOW);
        ClusterConfig config = new ClusterConfig("c1", 1, "00".repeat(32),
                List.of(new HostSpec(HostId.of("host-1"), "127.0.11.1", 8182, List.of("ds-1"), 1, 1)),
                List.of(new DatastoreSpec("ds-1", "/x")),
                List.of(new VmOverride(ON, true, null, null, own), new VmOverride(OFF, true, RestartPriority.HIGH,
                        IsolationResponse.POWER_OFF)),
                2, Timing.defaults(), HaPolicy.defaults().withVmMonitoring(CLUSTER));
        VmMonitoringPolicies p = VmMonitoringPolicies.of(config);
        assertThat(p.forVm(ON)).isEqualTo(own);
        assertThat(p.forVm(OFF)).isEqualTo(CLUSTER);
        assertThat(p.forVm(SLOW)).isEqualTo(CLUSTER);
    }

    private static VmInfo vm(VmId id, GuestHeartbeat heartbeat) {
        return new VmInfo(id, id.moid(), "ds-1", PowerState.POWERED_ON, 0, 0, RestartPriority.MEDIUM, heartbeat);
    }
}
