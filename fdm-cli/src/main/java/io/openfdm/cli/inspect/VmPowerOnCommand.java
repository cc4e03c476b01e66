package io.openfdm.cli.inspect;

import io.openfdm.cli.agents.AgentLink;
import picocli.CommandLine.Command;

/** {@code fdm vm power-on VM}. */
@Command(name = "power-on", mixinStandardHelpOptions = true, description = "Power a VM on (a user operation).")
public final class VmPowerOnCommand extends VmPowerCommand {
    @Override
    String operation() {
        return "power-on";
    }

    @Override
    void apply(AgentLink link, String vm) {
        link.powerOn(vm);
    }
}
