package io.openfdm.cli.cluster;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The {@code --dir} option of every {@code fdm cluster} command. */
public final class ClusterDirOption {
    @Option(names = "--dir", paramLabel = "DIR",
            description = "local cluster directory (default: $FDM_CLUSTER_DIR, then the one in ~/.fdm/current)")
    Path dir;

    /** The directory to use. @throws io.openfdm.cli.CliException (usage) if none is named */
    public Path resolve(CurrentCluster current) {
        return current.require(dir);
    }
}
