package io.openfdm.cli.cluster;

import io.openfdm.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code fdm cluster down}: SIGTERM every agent (a master resigns and releases its leases), up to
 * 10 s to exit, then SIGKILL. The directory and logs are kept.
 */
@Command(name = "down", mixinStandardHelpOptions = true,
        description = "Stop every agent (SIGTERM, then SIGKILL after 10 s); files and logs are kept.")
public final class ClusterDownCommand implements Callable<Integer> {
    @Mixin
    ClusterDirOption dirOption;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        LocalCluster cluster = LocalCluster.open(dirOption.resolve(CurrentCluster.standard()));
        List<String> running = cluster.running().stream().map(LocalHost::moid).toList();
        List<String> killed = cluster.down(LocalCluster.DOWN_GRACE_MS);
        var out = spec.commandLine().getOut();
        if (running.isEmpty()) {
            out.println("no agent was running in " + cluster.dir().dir());
        } else {
            out.println("stopped " + String.join(", ", running) + " (files kept in " + cluster.dir().dir() + ")");
        }
        if (!killed.isEmpty()) {
            out.println("killed with SIGKILL after " + LocalCluster.DOWN_GRACE_MS / 1000 + " s: " + String.join(", ", killed));
        }
        out.flush();
        return ExitCodes.OK;
    }
}
