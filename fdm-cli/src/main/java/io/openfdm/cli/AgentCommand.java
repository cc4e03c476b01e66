package io.openfdm.cli;

import io.openfdm.agent.runtime.AgentMain;
import io.openfdm.core.config.ConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code fdm agent --config FILE}: runs this host's agent in the foreground until it is stopped
 * (the systemd unit and {@code fdm cluster up} run it this way).
 *
 * <p>A configuration that breaks a rule prints {@code fdm: bad config: <field>: <rule>} and exits
 * 2; supervisors should not restart on status 2. An agent that cannot start (ports in use, state
 * directory locked) exits 1. Returns (status 0) when the agent is closed by SIGTERM/SIGINT.
 */
@Command(name = "agent", mixinStandardHelpOptions = true,
        description = "Run this host's agent in the foreground (reads agent.json, then the cluster config it names).")
public final class AgentCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, paramLabel = "FILE",
            description = "agent.json: host, stateDir, clusterConfig, admin address, hypervisor")
    Path config;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(config)) {
            throw CliException.usage("bad config: --config: " + config + " is not a readable file");
        }
        try {
            AgentMain.run(config);
        } catch (ConfigException e) {
            throw CliException.usage("bad config: " + e.field() + ": " + e.rule());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.OK;
        } catch (RuntimeException e) {
            // Ports in use, a state directory locked by another agent, ...
            throw new CliException(ExitCodes.ERROR, "agent could not start: " + e.getMessage(), e);
        }
        return ExitCodes.OK;
    }
}
