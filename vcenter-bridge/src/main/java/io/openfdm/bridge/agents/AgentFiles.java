package io.openfdm.bridge.agents;

import io.openfdm.agent.config.AgentConfig;
import io.openfdm.agent.config.AgentConfigFiles;
import io.openfdm.agent.config.ClusterConfigFiles;
import io.openfdm.agent.config.VsphereSettings;
import io.openfdm.hostd.vsphere.PowerOnMode;
import io.openfdm.core.config.ClusterConfig;
import io.openfdm.core.config.HostSpec;

import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes the files {@code deploy/} starts a cluster's agents from, with the agents' own writers:
 * <pre>
 * AGENTS_DIR/&lt;cluster MOID&gt;/cluster.json                 the cluster configuration (rewritten per version)
 * AGENTS_DIR/&lt;cluster MOID&gt;/hosts/&lt;host MOID&gt;/agent.json
 * AGENTS_DIR/&lt;cluster MOID&gt;/hosts/&lt;host MOID&gt;/state/      the agent's state directory
 * </pre>
 * Each agent's admin endpoint listens on its own address when that is a loopback address (the
 * local demo's 127.0.0.11-14), else on 127.0.0.1, port {@link #ADMIN_PORT} (as {@code fdm cluster up}).
 * An agent reading this {@code cluster.json} also picks a new version up by itself.
 */
public final class AgentFiles {
    /** The agents' admin port, as in {@code fdm cluster up}. */
    public static final int ADMIN_PORT = 8190;

    private final Path agentsDir;
    private final String hypervisor;
    private final AgentVsphere vsphere;

    /**
     * @param agentsDir  the output directory
     * @param hypervisor the {@code hypervisor} field of each {@code agent.json}: {@code simulated} or
     *                   {@code vsphere}
     * @param vsphere    the {@code vsphere} section's connection, required for {@code vsphere}
     * @throws IllegalArgumentException naming {@code --agent-hypervisor} for an unknown hypervisor
     */
    public AgentFiles(Path agentsDir, String hypervisor, AgentVsphere vsphere) {
        if (!hypervisor.equals(AgentConfigFiles.SIMULATED) && !hypervisor.equals(AgentConfigFiles.VSPHERE)) {
            throw new IllegalArgumentException("--agent-hypervisor: must be simulated or vsphere, was " + hypervisor);
        }
        if (hypervisor.equals(AgentConfigFiles.VSPHERE) && vsphere == null) {
            throw new IllegalArgumentException("--agent-hypervisor vsphere needs the vCenter connection for the agents");
        }
        this.agentsDir = agentsDir.toAbsolutePath().normalize();
        this.hypervisor = hypervisor;
        this.vsphere = vsphere;
    }

    /** {@code AGENTS_DIR/<cluster>/cluster.json}. */
    public Path clusterFile(String clusterMoid) {
        return agentsDir.resolve(clusterMoid).resolve("cluster.json");
    }

    /** {@code AGENTS_DIR/<cluster>/hosts/<host>/agent.json}. */
    public Path agentFile(String clusterMoid, String hostMoid) {
        return agentsDir.resolve(clusterMoid).resolve("hosts").resolve(hostMoid).resolve("agent.json");
    }

    /**
     * Writes the cluster file and one agent file per host, each atomically.
     *
     * @throws UncheckedIOException if a file cannot be written
     */
    public void write(String clusterMoid, ClusterConfig config) {
        Path clusterFile = clusterFile(clusterMoid);
        ClusterConfigFiles.write(clusterFile, config);
        for (HostSpec h : config.hosts()) {
            Path agentFile = agentFile(clusterMoid, h.id().moid());
            VsphereSettings settings = hypervisor.equals(AgentConfigFiles.VSPHERE)
                    ? new VsphereSettings(vsphere.url(), vsphere.user(), vsphere.passwordFile().toAbsolutePath(), vsphere.insecure(),
                    h.id(), PowerOnMode.AUTO, Map.of(), VsphereSettings.DEFAULT_CONNECT_TIMEOUT_MS,
                    VsphereSettings.DEFAULT_READ_TIMEOUT_MS, VsphereSettings.DEFAULT_TASK_TIMEOUT_MS,
                    VsphereSettings.DEFAULT_INVENTORY_INTERVAL_MS)
                    : null;
            AgentConfigFiles.write(agentFile, new AgentConfig(h.id(), agentFile.getParent().resolve("state"), clusterFile,
                    new InetSocketAddress(adminAddress(h.address()), ADMIN_PORT), hypervisor, settings));
        }
    }

    private static InetAddress adminAddress(String agentIp) {
        try {
            InetAddress a = InetAddress.getByName(agentIp);
            return a.isLoopbackAddress() ? a : InetAddress.getLoopbackAddress();
        } catch (UnknownHostException e) {
            return InetAddress.getLoopbackAddress();
        }
    }
}
