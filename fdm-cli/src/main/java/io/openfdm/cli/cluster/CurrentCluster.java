package io.openfdm.cli.cluster;

import io.openfdm.cli.CliException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Which local cluster directory a command works on, first match wins:
 * <ol>
 *   <li>the {@code --dir} option,</li>
 *   <li>the environment variable {@code FDM_CLUSTER_DIR},</li>
 *   <li>the file {@code ~/.fdm/current}, one line holding the absolute directory, written by
 *       {@code fdm cluster up}.</li>
 * </ol>
 * The {@code ~/.fdm} directory can be moved with the system property {@code fdm.home} (tests do).
 */
public final class CurrentCluster {
    /** Environment variable naming the cluster directory. */
    public static final String ENV = "FDM_CLUSTER_DIR";
    private final Path currentFile;
    private final Map<String, String> env;

    /**
     * @param currentFile the {@code current} file (normally {@code ~/.fdm/current})
     * @param env         the environment to read {@code FDM_CLUSTER_DIR} from
     */
    public CurrentCluster(Path currentFile, Map<String, String> env) {
        this.currentFile = currentFile;
        this.env = env;
    }

    /** The real one: {@code $fdm.home/current} or {@code ~/.fdm/current}, and the process environment. */
    public static CurrentCluster standard() {
        String home = System.getProperty("fdm.home");
        Path dir = home != null ? Path.of(home) : Path.of(System.getProperty("user.home"), ".fdm");
        return new CurrentCluster(dir.resolve("current"), System.getenv());
    }

    /** The directory to use, if any source names one. @param explicit the {@code --dir} value, or null */
    public Optional<Path> find(Path explicit) {
        if (explicit != null) {
            return Optional.of(explicit.toAbsolutePath().normalize());
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(Path.of(fromEnv.trim()).toAbsolutePath().normalize());
        }
        if (Files.isRegularFile(currentFile)) {
            try {
                String text = Files.readString(currentFile, StandardCharsets.UTF_8).trim();
                if (!text.isEmpty()) {
                    return Optional.of(Path.of(text));
                }
            } catch (IOException e) {
                throw CliException.failed("cannot read " + currentFile + ": " + e.getMessage());
            }
        }
        return Optional.empty();
    }

    /**
     * The directory to use. @throws CliException (usage) when no source names one
     */
    public Path require(Path explicit) {
        return find(explicit).orElseThrow(() -> CliException.usage(
                "no local cluster: pass --dir DIR (or --agent HOST:PORT), set " + ENV
                        + ", or start one with: fdm cluster up --dir DIR"));
    }

    /** Records {@code dir} as the current cluster (creates {@code ~/.fdm} if needed). */
    public void record(Path dir) {
        try {
            Files.createDirectories(currentFile.getParent());
            Files.writeString(currentFile, dir.toAbsolutePath().normalize() + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + currentFile, e);
        }
    }

    /** The file {@link #record} writes. */
    public Path currentFile() {
        return currentFile;
    }
}
