package io.openfdm.cli.cluster;

import io.openfdm.cli.ExitCodes;
import io.openfdm.cli.agents.ClusterView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.security.SecureRandom;
import java.util.concurrent.Callable;

/** {@code fdm cluster up}: creates a local cluster and starts one agent process per host. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Create a local cluster in DIR (datastores, hosts, VMs) and start one agent process per host.")
public final class ClusterUpCommand implements Callable<Integer> {
    @Option(names = "--hosts", paramLabel = "N", defaultValue = "4", description = "hosts (default ${DEFAULT-VALUE})")
    int hosts;

    @Option(names = "--datastores", paramLabel = "D", defaultValue = "2", description = "datastores (default ${DEFAULT-VALUE})")
    int datastores;

    @Option(names = "--vms", paramLabel = "V", defaultValue = "12", description = "VMs (default ${DEFAULT-VALUE})")
    int vms;

    @Option(names = "--timing", paramLabel = "PROFILE", defaultValue = "default",
            description = "timer profile: default or aggressive (default ${DEFAULT-VALUE})")
    String timing;

    @Option(names = "--base-address", paramLabel = "IP", defaultValue = "127.0.0.11",
            description = "address of host-1; host-i gets the (i-1)th next one (default ${DEFAULT-VALUE})")
    String baseAddress;

    @Option(names = "--cluster-id", paramLabel = "ID", defaultValue = "c1", description = "cluster id (default ${DEFAULT-VALUE})")
    String clusterId;

    @Mixin
    ClusterDirOption dirOption;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CurrentCluster current = CurrentCluster.standard();
        LayoutSpec layout = new LayoutSpec(hosts, datastores, vms, timing, baseAddress, clusterId);
        LayoutPlan plan = LayoutPlan.of(dirOption.resolve(current), layout, new SecureRandom());
        PrintWriter out = spec.commandLine().getOut();
        out.printf("creating a %d-host cluster in %s and starting its agents ...%n", hosts, plan.dir());
        out.flush();
        LocalCluster.Started started = LocalCluster.up(plan, AgentLauncher.sameAsThisJvm(), current,
                LocalCluster.UP_TIMEOUT_MS);
        printSummary(out, started);
        return ExitCodes.OK;
    }

    static void printSummary(PrintWriter out, LocalCluster.Started started) {
        LayoutPlan plan = started.plan();
        ClusterView view = started.view();
        String master = view.preferred().map(a -> a.status().host()).orElse("(none)");
        out.printf("cluster %s is up: %d hosts, %d datastores, %d VMs; master %s%n", plan.config().clusterId(),
                plan.spec().hosts(), plan.spec().datastores(), plan.spec().vms(), master);
        ClusterStatusCommand.table(started.cluster()).print(out);
        out.println("next: fdm hosts | fdm vms | fdm cluster kill-host host-2 | fdm events | fdm cluster down");
        out.flush();
    }
}
