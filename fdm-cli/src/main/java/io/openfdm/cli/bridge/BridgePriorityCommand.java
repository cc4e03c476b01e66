package io.openfdm.cli.bridge;

import io.openfdm.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/**
 * {@code fdm bridge priority --cluster MOID VM PRIORITY}: sets a VM's restart priority in vCenter
 * (the cluster's {@code dasVmConfig}, as vSphere's "VM Overrides" do); the bridge pushes the new
 * configuration, which the agents apply without an election.
 */
@Command(name = "priority", mixinStandardHelpOptions = true,
        description = "Set a VM's HA restart priority in vCenter (dasVmConfig); the bridge pushes it to the agents.")
public final class BridgePriorityCommand extends BridgeClientCommand implements Callable<Integer> {
    @Option(names = "--cluster", required = true, paramLabel = "MOID", description = "the cluster's MOID, e.g. domain-c7")
    String clusterMoid;

    @Parameters(index = "0", paramLabel = "VM", description = "the VM's MOID, e.g. vm-42")
    String vmMoid;

    @Parameters(index = "1", paramLabel = "PRIORITY",
            description = "disabled, lowest, low, medium, high, highest, or clusterRestartPriority (remove the override)")
    String priority;

    @Override
    public Integer call() {
        client().setRestartPriority(clusterMoid, vmMoid, priority);
        out().println(vmMoid + " restart priority " + priority + " in cluster " + clusterMoid + " (pushed to the agents)");
        out().flush();
        return ExitCodes.OK;
    }
}
