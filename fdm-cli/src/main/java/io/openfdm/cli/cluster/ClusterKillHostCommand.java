package io.openfdm.cli.cluster;

import io.openfdm.cli.CliException;
import io.openfdm.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code fdm cluster kill-host MOID...}: SIGKILL a host's agent, the way a host crash looks to the
 * rest of the cluster (no resignation, no lease release, heartbeats simply stop).
 */
@Command(name = "kill-host", mixinStandardHelpOptions = true,
        description = "Kill a host's agent with SIGKILL (a simulated host crash).")
public final class ClusterKillHostCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "MOID", description = "host(s) to kill, e.g. host-2")
    List<String> moids;

    @Mixin
    ClusterDirOption dirOption;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        LocalCluster cluster = LocalCluster.open(dirOption.resolve(CurrentCluster.standard()));
        List<LocalHost> hosts = moids.stream().map(m -> cluster.dir().host(m)).toList();
        for (LocalHost h : hosts) {
            Optional<Long> pid = cluster.processes().kill9(h);
            if (pid.isEmpty()) {
                throw CliException.failed(h.moid() + " is not running (" + cluster.processes().state(h).label() + ")");
            }
            spec.commandLine().getOut().printf("%s killed (kill -9, pid %d)%n", h.moid(), pid.get());
        }
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
