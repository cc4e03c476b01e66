package io.openfdm.cli.demo;

import io.openfdm.cli.CliException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.openfdm.cli.agents.FakeAgentLink.vm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DemoCommandTest {
    @Test
    void picksTheSlaveWithTheMostProtectedRunningVms() {
        var view = List.of(vm("vm-1", "host-4", "poweredOn", true), vm("vm-2", "host-4", "poweredOn", true),
                vm("vm-3", "host-2", "poweredOn", true), vm("vm-4", "host-10", "poweredOn", true),
                vm("vm-5", "host-10", "poweredOn", true), vm("vm-6", "host-3", "poweredOn", false),
                vm("vm-7", "host-3", "poweredOff", true), vm("vm-8", "host-3", "poweredOff", true));

        assertThat(DemoCommand.pickSlave(view, "host-4")).isEqualTo("host-10");
    }

    @Test
    void onATiePicksTheLowestMoid() {
        var view = List.of(vm("vm-1", "host-3", "poweredOn", true), vm("vm-2", "host-2", "poweredOn", true));

        assertThat(DemoCommand.pickSlave(view, "host-1")).isEqualTo("host-2");
    }

    @Test
    void noSlaveWithVmsIsAnError() {
        assertThatThrownBy(() -> DemoCommand.pickSlave(List.of(vm("vm-1", "host-1", "poweredOn", true)), "host-1"))
                .isInstanceOf(CliException.class).hasMessageContaining("no slave runs a protected VM");
    }
}
