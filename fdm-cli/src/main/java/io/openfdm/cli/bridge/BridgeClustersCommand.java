package io.openfdm.cli.bridge;

import io.openfdm.bridge.api.ClusterSummary;
import io.openfdm.cli.ExitCodes;
import io.openfdm.cli.output.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code fdm bridge clusters}: the clusters vCenter knows, with their HA state, from the bridge. */
@Command(name = "clusters", mixinStandardHelpOptions = true,
        description = "Clusters in vCenter's inventory and whether vSphere HA is on, as the bridge sees them.")
public final class BridgeClustersCommand extends BridgeClientCommand implements Callable<Integer> {
    @Option(names = "--json", description = "print the bridge's answer as pretty JSON")
    boolean json;

    @Override
    public Integer call() {
        List<ClusterSummary> clusters = client().clusters();
        if (json) {
            printJson(clusters);
        } else {
            table(clusters).print(out());
        }
        return ExitCodes.OK;
    }

    /** One row per cluster, in the bridge's order (by name). */
    static Table table(List<ClusterSummary> clusters) {
        Table t = new Table("CLUSTER", "NAME", "HOSTS", "VMS", "HA", "CLUSTER ID", "CONFIG VERSION")
                .rightAligned("HOSTS", "VMS", "CONFIG VERSION").emptyText("(no clusters in vCenter's inventory)");
        for (ClusterSummary c : clusters) {
            t.row(c.moid(), c.name(), c.hosts(), c.vms(), c.haEnabled() ? "enabled" : "disabled",
                    c.clusterId().isEmpty() ? null : c.clusterId(), c.configVersion());
        }
        return t;
    }
}
