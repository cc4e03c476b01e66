package io.openfdm.cli.cluster;

import io.openfdm.cli.CliException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A local cluster directory as {@code fdm cluster up} lays it out:
 * <pre>
 * DIR/cluster.json          the cluster configuration every agent reads
 * DIR/datastores/ds-N/      one directory per shared datastore
 * DIR/hosts/host-N/         one directory per host, see {@link LocalHost}
 * </pre>
 */
public final class LocalClusterDir {
    private final Path dir;

    private LocalClusterDir(Path dir) {
        this.dir = dir;
    }

    /** True when {@code dir} holds a cluster ({@code cluster.json} exists). */
    public static boolean holdsCluster(Path dir) {
        return Files.isRegularFile(dir.resolve("cluster.json"));
    }

    /** Opens an existing cluster directory. @throws CliException (usage) if it holds no cluster */
    public static LocalClusterDir open(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        if (!holdsCluster(abs)) {
            throw CliException.usage(abs + " holds no local cluster (no cluster.json); create one with: fdm cluster up --dir " + abs);
        }
        return new LocalClusterDir(abs);
    }

    public Path dir() {
        return dir;
    }

    public Path clusterConfig() {
        return dir.resolve("cluster.json");
    }

    /** Hosts with an {@code agent.json}, ordered by MOID number ({@code host-2} before {@code host-10}). */
    public List<LocalHost> hosts() {
        Path hostsDir = dir.resolve("hosts");
        if (!Files.isDirectory(hostsDir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(hostsDir)) {
            return s.filter(p -> Files.isRegularFile(p.resolve("agent.json")))
                    .map(p -> new LocalHost(p.getFileName().toString(), p))
                    .sorted(Comparator.comparing(LocalHost::moid, MoidOrder.NATURAL))
                    .toList();
        } catch (IOException e) {
            throw CliException.failed("cannot list " + hostsDir + ": " + e.getMessage());
        }
    }

    /** The host with this MOID. @throws CliException (usage) naming the known hosts */
    public LocalHost host(String moid) {
        return hosts().stream().filter(h -> h.moid().equals(moid)).findFirst()
                .orElseThrow(() -> CliException.usage("no host " + moid + " in " + dir + " (hosts: "
                        + String.join(", ", hosts().stream().map(LocalHost::moid).toList()) + ")"));
    }
}
