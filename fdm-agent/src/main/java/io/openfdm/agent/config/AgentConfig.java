package io.openfdm.agent.config;

import io.openfdm.core.config.ClusterConfig;
import io.openfdm.core.config.ConfigException;
import io.openfdm.core.model.HostId;

import java.net.InetSocketAddress;
import java.nio.file.Path;

/**
 * One agent's own settings, from {@code agent.json} (see {@link AgentConfigFiles}).
 *
 * @param host              the host this agent runs for; must be a member of the cluster
 * @param stateDir          directory of the agent's H2 database, admin token and VM power state
 * @param clusterConfigFile the cluster configuration file ({@code cluster.json})
 * @param admin             loopback address and TCP port of the admin HTTP endpoint
 * @param hypervisor        which hypervisor adapter to use: {@code simulated} or {@code vsphere}
 * @param vsphere           the vSphere connection; present exactly when {@code hypervisor} is {@code vsphere}
 */
public record AgentConfig(HostId host, Path stateDir, Path clusterConfigFile, InetSocketAddress admin, String hypervisor,
                          VsphereSettings vsphere) {

    /** An agent on the simulated hypervisor (no vSphere section). */
    public AgentConfig(HostId host, Path stateDir, Path clusterConfigFile, InetSocketAddress admin, String hypervisor) {
        this(host, stateDir, clusterConfigFile, admin, hypervisor, null);
    }

    /**
     * Checks that this agent's host is a member of {@code cluster}.
     *
     * @throws ConfigException on field {@code agent.host} otherwise
     */
    public AgentConfig requireMemberOf(ClusterConfig cluster) {
        if (cluster.host(host).isEmpty()) {
            throw new ConfigException("agent.host", host + " is not a member of cluster " + cluster.clusterId()
                    + " version " + cluster.version() + " (" + clusterConfigFile + ")");
        }
        return this;
    }
}
