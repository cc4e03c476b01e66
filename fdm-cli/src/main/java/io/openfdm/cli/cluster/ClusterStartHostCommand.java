package io.openfdm.cli.cluster;

import io.openfdm.cli.CliException;
import io.openfdm.cli.ExitCodes;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code fdm cluster start-host MOID...|--all}: starts stopped or killed agents again (a host
 * coming back) and waits until each answers its admin endpoint.
 */
@Command(name = "start-host", mixinStandardHelpOptions = true,
        description = "Start a host's agent again (after kill-host or down) and wait until it answers.")
public final class ClusterStartHostCommand implements Callable<Integer> {
    static final class Which {
        @Parameters(arity = "1..*", paramLabel = "MOID", description = "host(s) to start, e.g. host-2")
        List<String> moids;

        @Option(names = "--all", description = "every host that is not running")
        boolean all;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Which which;

    @Mixin
    ClusterDirOption dirOption;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CurrentCluster current = CurrentCluster.standard();
        LocalCluster cluster = LocalCluster.open(dirOption.resolve(current));
        List<LocalHost> hosts = which.all
                ? cluster.dir().hosts().stream().filter(h -> cluster.processes().find(h).isEmpty()).toList()
                : which.moids.stream().map(m -> cluster.dir().host(m)).toList();
        if (hosts.isEmpty()) {
            throw CliException.usage("every host of " + cluster.dir().dir() + " is already running");
        }
        AgentLauncher launcher = AgentLauncher.sameAsThisJvm();
        for (LocalHost h : hosts) {
            ProcessHandle p = launcher.start(h);
            spec.commandLine().getOut().printf("%s started (pid %d)%n", h.moid(), p.pid());
        }
        spec.commandLine().getOut().flush();
        cluster.awaitUp(hosts, false, LocalCluster.UP_TIMEOUT_MS);
        current.record(cluster.dir().dir());
        spec.commandLine().getOut().println("answering: " + String.join(", ", hosts.stream().map(LocalHost::moid).toList()));
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
