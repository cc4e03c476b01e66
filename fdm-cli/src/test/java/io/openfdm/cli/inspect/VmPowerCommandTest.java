package io.openfdm.cli.inspect;

import io.openfdm.cli.CliException;
import io.openfdm.cli.agents.AgentTargets;
import io.openfdm.cli.agents.ClusterView;
import io.openfdm.cli.agents.FakeAgentLink;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.openfdm.cli.agents.FakeAgentLink.status;
import static io.openfdm.cli.agents.FakeAgentLink.vm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VmPowerCommandTest {
    private final FakeAgentLink master = new FakeAgentLink("host-1", status("host-1", "master", "host-1",
            vm("vm-1", "host-1", "poweredOn", true), vm("vm-2", "host-2", "poweredOn", true),
            vm("vm-3", "host-3", "poweredOff", false)));
    private final FakeAgentLink slave2 = new FakeAgentLink("host-2", status("host-2", "slave", "host-1",
            vm("vm-2", "host-2", "poweredOn", true)));
    private final FakeAgentLink slave3 = new FakeAgentLink("host-3", status("host-3", "slave", "host-1"));

    private ClusterView view() {
        return ClusterView.poll(new AgentTargets(List.of(master, slave2, slave3), Map.of(), false));
    }

    @Test
    void goesToTheAgentThatReportsTheVmAsItsOwn() {
        assertThat(VmPowerCommand.hostOf("vm-2", view())).isSameAs(slave2);
        assertThat(VmPowerCommand.hostOf("vm-1", view())).isSameAs(master);
    }

    @Test
    void fallsBackToTheHostTheMasterNames() {
        assertThat(VmPowerCommand.hostOf("vm-3", view())).isSameAs(slave3);
    }

    @Test
    void unknownVmIsAnErrorNamingWhoWasAsked() {
        assertThatThrownBy(() -> VmPowerCommand.hostOf("vm-9", view())).isInstanceOfSatisfying(CliException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(1);
            assertThat(e.getMessage()).contains("vm-9").contains("host-1, host-2, host-3");
        });
    }

    @Test
    void vmOnAHostThatDidNotAnswerSaysSo() {
        slave3.down = true;

        assertThatThrownBy(() -> VmPowerCommand.hostOf("vm-3", view())).isInstanceOf(CliException.class)
                .hasMessageContaining("vm-3 is on host-3, whose agent did not answer");
    }
}
