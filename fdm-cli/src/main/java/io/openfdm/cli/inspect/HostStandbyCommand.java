package io.openfdm.cli.inspect;

import picocli.CommandLine.Command;

/** {@code fdm host standby enter|exit MOID}. */
@Command(name = "standby", mixinStandardHelpOptions = true,
        description = {"Enter or exit standby mode (as DPM does before powering a host off): like maintenance, and a",
                "standby host that is powered off is not a failure."})
public final class HostStandbyCommand extends HostModeCommand {
    @Override
    String mode() {
        return "standby";
    }
}
