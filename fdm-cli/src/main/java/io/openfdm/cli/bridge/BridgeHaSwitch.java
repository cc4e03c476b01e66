package io.openfdm.cli.bridge;

import io.openfdm.bridge.api.ClusterSummary;
import io.openfdm.cli.ExitCodes;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code fdm bridge enable|disable MOID}: turns vSphere HA on or off for one cluster. */
abstract class BridgeHaSwitch extends BridgeClientCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MOID", description = "the cluster's MOID, e.g. domain-c7 (see fdm bridge clusters)")
    String clusterMoid;

    @Option(names = "--json", description = "print the cluster's summary after the change as pretty JSON")
    boolean json;

    /** Calls the bridge. */
    abstract ClusterSummary change(BridgeClient client, String clusterMoid);

    @Override
    public Integer call() {
        ClusterSummary s = change(client(), clusterMoid);
        if (json) {
            printJson(s);
        } else {
            out().println(describe(s));
            out().flush();
        }
        return ExitCodes.OK;
    }

    /** {@code vSphere HA enabled on Production (domain-c7): cluster id ..., config version 3}. */
    static String describe(ClusterSummary s) {
        return "vSphere HA " + (s.haEnabled() ? "enabled" : "disabled") + " on " + s.name() + " (" + s.moid() + "): "
                + "cluster id " + (s.clusterId().isEmpty() ? "(none yet)" : s.clusterId())
                + ", config version " + s.configVersion() + ", " + s.hosts() + " hosts, " + s.vms() + " VMs";
    }
}
