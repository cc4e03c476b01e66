package io.openfdm.cli.inspect;

import io.openfdm.cli.agents.AgentLink;
import picocli.CommandLine.Command;

/** {@code fdm vm power-off VM}. */
@Command(name = "power-off", mixinStandardHelpOptions = true,
        description = "Power a VM off (a user operation; HA will not restart it).")
public final class VmPowerOffCommand extends VmPowerCommand {
    @Override
    String operation() {
        return "power-off";
    }

    @Override
    void apply(AgentLink link, String vm) {
        link.powerOff(vm);
    }
}
