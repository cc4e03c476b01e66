package io.openfdm.cli.cluster;

import io.openfdm.agent.config.AgentConfig;
import io.openfdm.agent.config.AgentConfigFiles;
import io.openfdm.agent.config.ClusterConfigFiles;
import io.openfdm.cli.CliException;
import io.openfdm.core.config.DatastoreSpec;
import io.openfdm.core.config.HostSpec;
import io.openfdm.hostd.HypervisorException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a {@link LayoutPlan} to disk, without starting anything (configuration files through
 * the agent's own writers, {@link ClusterConfigFiles} and {@link AgentConfigFiles}):
 * <pre>
 * DIR/cluster.json
 * DIR/datastores/ds-j/                        (VM configurations created by the simulated hypervisor)
 * DIR/hosts/host-i/agent.json
 * DIR/hosts/host-i/state/powerstate           (the host's VMs, recorded as powered on)
 * </pre>
 * The directory must be absent or empty, so nothing is ever overwritten.
 */
public final class ClusterLayout {
    private ClusterLayout() {
    }

    /**
     * Writes every file of the plan.
     *
     * @return the written cluster directory
     * @throws CliException (usage) if the directory is not empty; (failed) on an I/O error
     */
    public static LocalClusterDir write(LayoutPlan plan) {
        Path dir = plan.dir();
        requireEmpty(dir);
        try {
            for (DatastoreSpec ds : plan.config().datastores()) {
                Files.createDirectories(Path.of(ds.path()));
            }
            Path clusterJson = dir.resolve("cluster.json");
            ClusterConfigFiles.write(clusterJson, plan.config());
            for (HostSpec h : plan.config().hosts()) {
                LocalHost host = plan.localHost(h.id());
                Path stateDir = host.dir().resolve("state");
                Files.createDirectories(stateDir);
                AgentConfigFiles.write(host.agentConfig(), new AgentConfig(h.id(), stateDir, clusterJson,
                        new InetSocketAddress(InetAddress.getByName(h.address()), LayoutSpec.ADMIN_PORT),
                        AgentConfigFiles.SIMULATED));
            }
            SimulatedVms.create(plan);
        } catch (IOException | UncheckedIOException | HypervisorException e) {
            throw CliException.failed("cannot write the cluster in " + dir + ": " + e.getMessage());
        }
        return LocalClusterDir.open(dir);
    }

    private static void requireEmpty(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        if (!Files.isDirectory(dir)) {
            throw CliException.usage(dir + " exists and is not a directory");
        }
        try (var entries = Files.list(dir)) {
            if (entries.findAny().isPresent()) {
                throw CliException.usage(dir + " is not empty; choose a new directory (nothing was changed)");
            }
        } catch (IOException e) {
            throw CliException.failed("cannot list " + dir + ": " + e);
        }
    }
}
