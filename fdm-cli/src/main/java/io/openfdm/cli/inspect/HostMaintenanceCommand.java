package io.openfdm.cli.inspect;

import picocli.CommandLine.Command;

/** {@code fdm host maintenance enter|exit MOID}. */
@Command(name = "maintenance", mixinStandardHelpOptions = true,
        description = {"Enter or exit maintenance mode: the host takes no restarts and does not become master (a master",
                "resigns), and its VMs are not restarted if it goes down."})
public final class HostMaintenanceCommand extends HostModeCommand {
    @Override
    String mode() {
        return "maintenance";
    }
}
