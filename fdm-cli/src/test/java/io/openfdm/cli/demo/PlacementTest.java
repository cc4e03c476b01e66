package io.openfdm.cli.demo;

import io.openfdm.cli.agents.AgentTargets;
import io.openfdm.cli.agents.ClusterView;
import io.openfdm.cli.agents.FakeAgentLink;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.openfdm.cli.agents.FakeAgentLink.status;
import static io.openfdm.cli.agents.FakeAgentLink.vm;
import static org.assertj.core.api.Assertions.assertThat;

class PlacementTest {
    private static ClusterView view(FakeAgentLink... links) {
        return ClusterView.poll(new AgentTargets(List.of(links), Map.of(), false));
    }

    @Test
    void countsOnlyWhatEachHostReportsAboutItself() {
        // The master still lists vm-2 on the dead host-2; that must not count as running.
        var master = new FakeAgentLink("host-1", status("host-1", "master", "host-1",
                vm("vm-1", "host-1", "poweredOn", true), vm("vm-2", "host-2", "poweredOn", true),
                vm("vm-3", "host-3", "poweredOn", true)));
        var slave = new FakeAgentLink("host-3", status("host-3", "slave", "host-1",
                vm("vm-3", "host-3", "poweredOn", true), vm("vm-4", "host-3", "poweredOff", true)));

        Placement p = Placement.of(view(master, slave));

        assertThat(p.hostsOf("vm-1")).containsExactly("host-1");
        assertThat(p.hostsOf("vm-2")).isEmpty();
        assertThat(p.hostsOf("vm-3")).containsExactly("host-3");
        assertThat(p.hostsOf("vm-4")).isEmpty();
        assertThat(p.violations(Set.of("vm-1", "vm-2", "vm-3"))).containsExactly("vm-2 is not running on any live host");
        assertThat(p.duplicates()).isEmpty();
    }

    @Test
    void aVmOnTwoHostsIsAViolation() {
        var a = new FakeAgentLink("host-1", status("host-1", "master", "host-1", vm("vm-5", "host-1", "poweredOn", true)));
        var b = new FakeAgentLink("host-3", status("host-3", "slave", "host-1", vm("vm-5", "host-3", "poweredOn", true)));

        Placement p = Placement.of(view(a, b));

        assertThat(p.duplicates()).containsExactly("vm-5");
        assertThat(p.violations(Set.of("vm-5"))).containsExactly("vm-5 is running on 2 hosts at once: host-1, host-3");
    }
}
