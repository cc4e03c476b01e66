package io.openfdm.cli.bridge;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code fdm bridge}: the vCenter bridge's client commands (this branch's minimal parent; the
 * bridge's own {@code fdm bridge --vcenter ...} run command replaces it at merge and keeps these
 * subcommands).
 */
@Command(name = "bridge", mixinStandardHelpOptions = true,
        description = "The vCenter bridge: list clusters, turn vSphere HA on or off, show cluster status.",
        subcommands = {BridgeClustersCommand.class, BridgeStatusCommand.class, BridgeEnableCommand.class,
                BridgeDisableCommand.class})
public final class BridgeCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "missing subcommand (clusters, status, enable, disable; try: fdm bridge --help)");
    }
}
