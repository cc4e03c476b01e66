package io.openfdm.cli.cluster;

import io.openfdm.cli.ExitCodes;
import io.openfdm.cli.output.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code fdm cluster status}: which agent processes of the local cluster are alive. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Which agent processes are alive.")
public final class ClusterStatusCommand implements Callable<Integer> {
    @Mixin
    ClusterDirOption dirOption;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        LocalCluster cluster = LocalCluster.open(dirOption.resolve(CurrentCluster.standard()));
        var out = spec.commandLine().getOut();
        out.println("cluster " + cluster.dir().dir());
        table(cluster).print(out);
        return ExitCodes.OK;
    }

    /** HOST, ADDRESS (admin endpoint), PROCESS state, PID. */
    static Table table(LocalCluster cluster) {
        Table t = new Table("HOST", "ADMIN", "PROCESS", "PID").emptyText("(no hosts)");
        for (LocalHost h : cluster.dir().hosts()) {
            var admin = h.admin();
            ProcessState state = cluster.processes().state(h);
            t.row(h.moid(), admin.getHostString() + ":" + admin.getPort(), state.label(),
                    state == ProcessState.RUNNING ? cluster.processes().recordedPid(h).map(String::valueOf).orElse("-") : "-");
        }
        return t;
    }
}
