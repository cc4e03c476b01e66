package io.openfdm.cli.inspect;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code fdm vm power-on|power-off VM}: user power operations. */
@Command(name = "vm", mixinStandardHelpOptions = true,
        description = "User power operations on a VM, through the admin endpoint of the host that runs it.",
        subcommands = {VmPowerOnCommand.class, VmPowerOffCommand.class})
public final class VmCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: power-on or power-off");
    }
}
