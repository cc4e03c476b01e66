package io.openfdm.cli;

import io.openfdm.cli.bridge.BridgeCommand;
import io.openfdm.cli.cluster.ClusterCommand;
import io.openfdm.cli.demo.DemoCommand;
import io.openfdm.cli.inspect.CapacityCommand;
import io.openfdm.cli.inspect.DatastoresCommand;
import io.openfdm.cli.inspect.EventsCommand;
import io.openfdm.cli.inspect.HostCommand;
import io.openfdm.cli.inspect.HostsCommand;
import io.openfdm.cli.inspect.PlanCommand;
import io.openfdm.cli.inspect.StatusCommand;
import io.openfdm.cli.inspect.VmCommand;
import io.openfdm.cli.inspect.VmsCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code fdm} command line. Entry point of {@code bin/fdm}.
 *
 * <p>Exit statuses ({@link ExitCodes}): 0 ok; 1 an agent was unreachable or an operation failed;
 * 2 a usage or configuration error. Errors print one {@code fdm: ...} line (or a few) to stderr,
 * never a stack trace, except for unexpected failures, whose trace follows the message.
 */
@Command(name = "fdm", mixinStandardHelpOptions = true, version = "fdm (OpenFDM) 0.1.0",
        description = "OpenFDM: a VMware-HA-style VM restart manager.",
        subcommands = {AgentCommand.class, StatusCommand.class, HostsCommand.class, VmsCommand.class,
                DatastoresCommand.class, EventsCommand.class, CapacityCommand.class, PlanCommand.class, VmCommand.class,
                HostCommand.class, ClusterCommand.class, DemoCommand.class, BridgeCommand.class, CommandLine.HelpCommand.class})
public final class Fdm implements Runnable {
    @Spec
    CommandSpec spec;

    /** Runs a command and exits the JVM with its status. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * A configured command line: {@link CliException}s print as {@code fdm: <message>} and exit with
     * their status; other exceptions print with their stack trace and exit 1. Tests call
     * {@code execute} on it and capture output with {@code setOut}/{@code setErr}.
     */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Fdm());
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            var err = commandLine.getErr();
            if (ex instanceof CliException ce) {
                err.println("fdm: " + ce.getMessage());
                err.flush();
                return ce.exitCode();
            }
            err.println("fdm: unexpected error: " + ex);
            ex.printStackTrace(err);
            err.flush();
            return ExitCodes.ERROR;
        });
        return cl;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command (try: fdm help)");
    }
}
