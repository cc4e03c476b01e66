package io.openfdm.cli.cluster;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code fdm cluster ...}: a local cluster of agent processes on this machine. */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = "A local cluster of agent processes on this machine (127.0.0.x addresses).",
        subcommands = {ClusterUpCommand.class, ClusterKillHostCommand.class, ClusterStartHostCommand.class,
                ClusterDownCommand.class, ClusterStatusCommand.class})
public final class ClusterCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "missing command: up, kill-host, start-host, down or status");
    }
}
