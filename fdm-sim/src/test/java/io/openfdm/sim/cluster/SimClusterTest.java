package io.openfdm.sim.cluster;

import io.openfdm.core.model.HostId;
import io.openfdm.core.model.VmId;
import io.openfdm.sim.check.NoVmRunsTwice;
import io.openfdm.sim.scenario.ClusterDescription;
import io.openfdm.sim.scenario.ClusterParser;
import io.openfdm.sim.scenario.CommandParser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimClusterTest {
    private static final String CLUSTER = """
            seed 11
            datastore ds-1
            host host-1 datastores ds-1 cpu 20000 mem 65536
            host host-2 datastores ds-1 cpu 20000 mem 65536
            host host-3 datastores ds-1 cpu 20000 mem 65536
            vm vm-1 on host-1 ds ds-1 cpu 500 mem 1024 priority high
            """;

    private static String run(String cmdlist) {
        ClusterDescription d = ClusterParser.parse(CLUSTER);
        SimCluster c = new SimCluster(d, "replay-me").check(new NoVmRunsTwice());
        var list = new CommandParser(d).parse(cmdlist);
        c.schedule(list);
        c.runUntil(list.endMs());
        return c.timeline().render();
    }

    @Test
    void aRunIsExactlyReproducible() {
        String cmd = "1 loss 0.2\n2 jitter 5\n5 power host-3 off\nend 20\n";
        String first = run(cmd);
        assertThat(first).contains("host-3/master: became master").contains("sim/cmd: power host-3 off");
        assertThat(run(cmd)).isEqualTo(first);
    }

    @Test
    void aBrokenInvariantStopsTheRunWithSeedTimeAndReplay() {
        ClusterDescription d = ClusterParser.parse(CLUSTER);
        SimCluster c = new SimCluster(d, "replay-me").check(new NoVmRunsTwice());
        c.runUntil(3_000);
        // a rogue second copy, behind HA's back: register and power on vm-1 on host-2 as well
        c.scheduler().at(3_500, () -> {
            var h2 = c.host(HostId.of("host-2")).hypervisor().orElseThrow();
            h2.register("ds-1", VmId.of("vm-1"));
            h2.powerOn(VmId.of("vm-1"));
        });
        assertThatThrownBy(() -> c.runUntil(10_000))
                .isInstanceOf(SimulationFailure.class)
                .hasMessageContaining("vm-1 is powered on on both host-1 and host-2")
                .hasMessageContaining("seed 11, virtual time 3.500 s")
                .hasMessageContaining("replay: replay-me");
    }

    @Test
    void crashedHostsRunNothingAndRebootWithVmsOff() {
        ClusterDescription d = ClusterParser.parse(CLUSTER);
        SimCluster c = new SimCluster(d, "r");
        c.runUntil(1_000);
        assertThat(c.host(HostId.of("host-1")).poweredOnVms()).containsExactly(VmId.of("vm-1"));
        c.host(HostId.of("host-1")).crash();
        assertThat(c.host(HostId.of("host-1")).live()).isFalse();
        assertThat(c.host(HostId.of("host-1")).poweredOnVms()).isEmpty();
        assertThatThrownBy(() -> c.host(HostId.of("host-1")).crash()).isInstanceOf(IllegalStateException.class);
        c.host(HostId.of("host-1")).boot();
        assertThat(c.host(HostId.of("host-1")).hypervisor().orElseThrow().vm(VmId.of("vm-1")).orElseThrow().poweredOn())
                .isFalse();
    }
}
