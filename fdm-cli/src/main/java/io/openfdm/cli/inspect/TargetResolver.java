package io.openfdm.cli.inspect;

import io.openfdm.cli.CliException;
import io.openfdm.cli.agents.AdminAgentLink;
import io.openfdm.cli.agents.AgentLink;
import io.openfdm.cli.agents.AgentTargets;
import io.openfdm.cli.agents.TokenFiles;
import io.openfdm.cli.cluster.CurrentCluster;
import io.openfdm.cli.cluster.LocalCluster;
import io.openfdm.cli.cluster.LocalClusterDir;
import io.openfdm.cli.cluster.LocalHost;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns {@link InspectOptions} into {@link AgentTargets}: the one agent named by {@code --agent}
 * (token from {@code --token-file}, or from the local cluster whose host has that admin address),
 * else every running agent of the current local cluster.
 */
final class TargetResolver {
    private TargetResolver() {
    }

    /**
     * @throws CliException (usage) if no agent and no local cluster is named, or no token can be found
     */
    static AgentTargets resolve(InspectOptions options, CurrentCluster current) {
        if (options.agent() != null) {
            return new AgentTargets(List.of(explicitLink(options, current)), Map.of(), true);
        }
        return LocalCluster.open(current.require(options.dir())).targets();
    }

    private static AgentLink explicitLink(InspectOptions options, CurrentCluster current) {
        InetSocketAddress agent = options.agent();
        String text = agent.getHostString() + ":" + agent.getPort();
        if (options.tokenFile() != null) {
            String token = TokenFiles.read(options.tokenFile()).orElseThrow(() -> CliException.usage(
                    "--token-file " + options.tokenFile() + " does not exist or is empty"));
            return new AdminAgentLink(text, agent, token);
        }
        Optional<Path> dir = current.find(options.dir());
        if (dir.isPresent() && LocalClusterDir.holdsCluster(dir.get())) {
            for (LocalHost host : LocalClusterDir.open(dir.get()).hosts()) {
                if (sameEndpoint(host.admin(), agent)) {
                    String token = TokenFiles.read(host.tokenFile()).orElseThrow(() -> CliException.failed(
                            host.moid() + " has no " + host.tokenFile() + " (is its agent running?)"));
                    return new AdminAgentLink(host.moid(), agent, token);
                }
            }
        }
        throw CliException.usage("--token-file is required with --agent " + text
                + " (the agent writes it to <stateDir>/admin.token)");
    }

    private static boolean sameEndpoint(InetSocketAddress a, InetSocketAddress b) {
        return a.getPort() == b.getPort() && (a.getHostString().equals(b.getHostString())
                || (a.getAddress() != null && a.getAddress().equals(b.getAddress())));
    }
}
