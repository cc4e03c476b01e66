package io.openfdm.cli.inspect;

import picocli.CommandLine.Option;

import java.net.InetSocketAddress;
import java.nio.file.Path;

/**
 * Options shared by the inspect commands. Without {@code --agent} a command asks every running
 * agent of the current local cluster (see {@link io.openfdm.cli.cluster.CurrentCluster}) and
 * prefers the master's view.
 */
public final class InspectOptions {
    @Option(names = "--agent", paramLabel = "HOST:PORT", converter = HostPortConverter.class,
            description = "admin endpoint of one agent (e.g. 127.0.0.11:8190)")
    InetSocketAddress agent;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "the agent's admin token (<stateDir>/admin.token); found automatically for local clusters")
    Path tokenFile;

    @Option(names = "--json", description = "print the agent's raw answer as pretty JSON")
    boolean json;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "local cluster directory (default: $FDM_CLUSTER_DIR, then ~/.fdm/current)")
    Path dir;

    /** The {@code --agent} endpoint, or null. */
    public InetSocketAddress agent() {
        return agent;
    }

    /** The {@code --token-file}, or null. */
    public Path tokenFile() {
        return tokenFile;
    }

    public boolean json() {
        return json;
    }

    /** The {@code --dir}, or null. */
    public Path dir() {
        return dir;
    }
}
