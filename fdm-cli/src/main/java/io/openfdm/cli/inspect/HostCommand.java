package io.openfdm.cli.inspect;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code fdm host maintenance|standby enter|exit MOID}: a host's administrative mode. */
@Command(name = "host", mixinStandardHelpOptions = true,
        description = "Put a host into maintenance or standby mode, or back in service, through its agent's admin endpoint.",
        subcommands = {HostMaintenanceCommand.class, HostStandbyCommand.class})
public final class HostCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: maintenance or standby");
    }
}
