package io.openfdm.bridge.runtime;

import io.openfdm.bridge.agents.AgentVsphere;
import io.openfdm.bridge.config.AgentAddresses;

import java.net.InetSocketAddress;
import java.nio.file.Path;

/**
 * How a bridge runs ({@code fdm bridge ...}).
 *
 * @param stateDir        directory of the bridge's H2 store
 * @param agentsDir       where the agents' {@code cluster.json} and {@code agent.json} files are written
 * @param listen          address of the JSON API and plugin page (loopback unless {@code allowRemote})
 * @param allowRemote     serve on a non-loopback address
 * @param agentAddresses  agent address overrides by host MOID
 * @param agentHypervisor the {@code hypervisor} written into each {@code agent.json}
 * @param agentVsphere    the agents' vCenter connection when {@code agentHypervisor} is {@code vsphere}, else null
 * @param pushTimeoutMs   connect and answer timeout of each push or status read, milliseconds
 */
public record BridgeOptions(Path stateDir, Path agentsDir, InetSocketAddress listen, boolean allowRemote,
                            AgentAddresses agentAddresses, String agentHypervisor, AgentVsphere agentVsphere,
                            long pushTimeoutMs) {
    /** A dead agent costs a status read at most this long, milliseconds. */
    public static final long DEFAULT_PUSH_TIMEOUT_MS = 1_500;
}
