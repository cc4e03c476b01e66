package io.openfdm.cli.cluster;

import io.openfdm.agent.admin.AdminToken;
import io.openfdm.agent.config.AgentConfig;
import io.openfdm.agent.config.AgentConfigFiles;
import io.openfdm.cli.CliException;
import io.openfdm.core.config.ConfigException;

import java.net.InetSocketAddress;
import java.nio.file.Path;

/**
 * One host of a local cluster directory, {@code DIR/hosts/<moid>/}:
 * <pre>
 * agent.json   the agent's configuration (host, stateDir, clusterConfig, admin, hypervisor)
 * state/       the agent's stateDir (H2 store, journal, admin.token, powerstate)
 * agent.log    the agent process's stdout and stderr, appended
 * pid          the agent process id, decimal
 * killed       present after fdm cluster kill-host (a crash we caused)
 * stopped      present after fdm cluster down (a clean stop)
 * </pre>
 *
 * @param moid the host's MOID
 * @param dir  {@code DIR/hosts/<moid>}
 */
public record LocalHost(String moid, Path dir) {
    public Path agentConfig() {
        return dir.resolve("agent.json");
    }

    public Path logFile() {
        return dir.resolve("agent.log");
    }

    public Path pidFile() {
        return dir.resolve("pid");
    }

    public Path killedMarker() {
        return dir.resolve("killed");
    }

    public Path stoppedMarker() {
        return dir.resolve("stopped");
    }

    /**
     * The host's agent configuration, read and checked by the agent's own reader.
     *
     * @throws CliException (usage) with the field and rule if agent.json is missing or invalid
     */
    public AgentConfig config() {
        try {
            return AgentConfigFiles.read(agentConfig());
        } catch (ConfigException e) {
            throw CliException.usage("bad config: " + e.field() + ": " + e.rule());
        }
    }

    /** The agent's state directory, as agent.json names it. */
    public Path stateDir() {
        return config().stateDir();
    }

    /** The admin token file the agent writes at startup ({@code <stateDir>/admin.token}, mode 0600). */
    public Path tokenFile() {
        return AdminToken.file(stateDir());
    }

    /** The admin HTTP endpoint, as agent.json names it. */
    public InetSocketAddress admin() {
        return config().admin();
    }
}
