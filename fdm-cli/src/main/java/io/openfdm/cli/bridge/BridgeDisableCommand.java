package io.openfdm.cli.bridge;

import io.openfdm.bridge.api.ClusterSummary;
import picocli.CommandLine.Command;

/**
 * {@code fdm bridge disable MOID}: turns vSphere HA off (the agents get a configuration that
 * protects nothing); the cluster id, key and settings are kept for a later enable.
 */
@Command(name = "disable", mixinStandardHelpOptions = true,
        description = "Turn vSphere HA off for a cluster (its agents stop restarting VMs).")
public final class BridgeDisableCommand extends BridgeHaSwitch {
    @Override
    ClusterSummary change(BridgeClient client, String clusterMoid) {
        return client.disableHa(clusterMoid);
    }
}
