package io.openfdm.bridge.api;

import java.util.List;

/**
 * What the bridge offers its JSON API, the plugin page and {@code fdm bridge}: the clusters vCenter
 * knows, HA enabled or disabled per cluster, and the status the agents report back.
 *
 * <p>Implementations are thread-safe: the HTTP server calls them from its own threads.
 */
public interface BridgeService {

    /** Every cluster in vCenter's inventory, sorted by name; from the bridge's last inventory read. */
    List<ClusterSummary> clusters();

    /**
     * Turns HA on for a cluster (vSphere's "Turn on vSphere HA"): on first enable creates the cluster
     * id and key, stores the HA settings, writes the agent configurations {@code deploy/} starts
     * agents from, and pushes the cluster configuration to running agents. Enabling an enabled
     * cluster changes nothing and returns its summary.
     *
     * @param clusterMoid a cluster's MOID, e.g. {@code domain-c7}
     * @throws BridgeException {@code NOT_FOUND} for an unknown cluster, {@code INVALID} when the
     *                         cluster cannot be protected (no hosts, a host without an agent address)
     */
    ClusterSummary enableHa(String clusterMoid);

    /**
     * Turns HA off: pushes a configuration that protects nothing, so the agents stop restarting
     * VMs; keeps the cluster id, key and settings for a later enable.
     *
     * @throws BridgeException {@code NOT_FOUND} for an unknown cluster
     */
    ClusterSummary disableHa(String clusterMoid);

    /**
     * The cluster view: its master, hosts and their states, protected VMs and where they run, the
     * last events, as the agents report them and as vCenter shows them.
     *
     * @throws BridgeException {@code NOT_FOUND} for an unknown cluster
     */
    ClusterStatus status(String clusterMoid);

    /**
     * Sets a VM's restart priority in vCenter (the cluster's {@code dasVmConfig}, vSphere's per-VM
     * override), reads it back, and when HA is enabled pushes the resulting configuration as a new
     * version before returning; the agents apply such an overrides-only version without an election.
     *
     * @param priority {@code disabled}, {@code lowest}, {@code low}, {@code medium}, {@code high},
     *                 {@code highest}, or {@code clusterRestartPriority} to remove the override
     * @throws BridgeException {@code NOT_FOUND} (cluster or VM), {@code INVALID} (priority),
     *                         {@code UNAVAILABLE} (vCenter not connected)
     */
    void setRestartPriority(String clusterMoid, String vmMoid, String priority);

    /** The cluster's HA settings (stored by the bridge; vcsim ignores {@code dasConfig}). */
    HaSettings settings(String clusterMoid);

    /**
     * Replaces the cluster's HA settings and, when HA is enabled, pushes them as a new version.
     *
     * @throws BridgeException {@code NOT_FOUND}, or {@code INVALID} naming the field and the rule
     */
    HaSettings updateSettings(String clusterMoid, HaSettings settings);
}
