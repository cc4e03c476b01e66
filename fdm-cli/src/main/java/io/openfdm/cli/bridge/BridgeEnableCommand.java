package io.openfdm.cli.bridge;

import io.openfdm.bridge.api.ClusterSummary;
import picocli.CommandLine.Command;

/**
 * {@code fdm bridge enable MOID}: vSphere's "Turn on vSphere HA" through the bridge (creates the
 * cluster id and key on first enable, pushes the configuration to the agents). Enabling an enabled
 * cluster changes nothing.
 */
@Command(name = "enable", mixinStandardHelpOptions = true,
        description = "Turn vSphere HA on for a cluster (the bridge pushes the configuration to its agents).")
public final class BridgeEnableCommand extends BridgeHaSwitch {
    @Override
    ClusterSummary change(BridgeClient client, String clusterMoid) {
        return client.enableHa(clusterMoid);
    }
}
