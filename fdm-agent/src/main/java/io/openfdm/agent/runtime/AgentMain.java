package io.openfdm.agent.runtime;

import io.openfdm.agent.config.AgentConfig;
import io.openfdm.agent.config.AgentConfigFiles;
import io.openfdm.agent.config.ClusterConfigFiles;
import io.openfdm.core.config.ClusterConfig;
import io.openfdm.core.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.nio.file.Path;

/**
 * Entry point of one agent process: {@code fdm agent --config agent.json}, or
 * {@code java -cp ... io.openfdm.agent.runtime.AgentMain agent.json}. Runs until SIGTERM or SIGINT,
 * which close it cleanly (a master resigns, VMs' power state is kept).
 */
public final class AgentMain {
    private static final Logger LOG = LoggerFactory.getLogger(AgentMain.class);

    private AgentMain() {
    }

    /**
     * Loads {@code agentConfig} and the cluster configuration it names, starts the agent, logs
     * {@code agent host-1 started: udp 127.0.0.11:8182 admin 127.0.0.11:8190}, installs a shutdown
     * hook that closes it, and blocks until it is closed.
     *
     * @throws ConfigException        for a bad configuration (the caller prints it and exits 2)
     * @throws InterruptedException   if the waiting thread is interrupted (the agent keeps running
     *                                until the JVM exits)
     * @throws RuntimeException       if an adapter cannot start (ports in use, state directory
     *                                locked by another agent)
     */
    public static void run(Path agentConfig) throws InterruptedException {
        AgentConfig agent = AgentConfigFiles.read(agentConfig);
        ClusterConfig cluster = ClusterConfigFiles.read(agent.clusterConfigFile());
        AgentRuntime runtime = AgentRuntime.start(agent, cluster);
        Runtime.getRuntime().addShutdownHook(new Thread(runtime::close, "agent-shutdown"));
        LOG.info("agent {} started: udp {} admin {}", agent.host(), text(runtime.udpAddress()), text(runtime.adminAddress()));
        runtime.awaitClosed();
    }

    /** {@code AgentMain <agent.json>}; exits 2 on a usage or configuration error, 1 if the agent cannot start. */
    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: AgentMain <agent.json>");
            System.exit(2);
        }
        try {
            run(Path.of(args[0]));
        } catch (ConfigException e) {
            System.err.println("configuration error: " + e.getMessage());
            System.exit(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("agent could not start: {}", e.getMessage(), e);
            System.exit(1);
        }
    }

    private static String text(InetSocketAddress a) {
        return a.getAddress().getHostAddress() + ":" + a.getPort();
    }
}
