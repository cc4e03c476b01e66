package io.openfdm.hostd.sim;

import java.util.Optional;

/**
 * Where a {@link SimulatedHypervisor} keeps its host's power state between runs (the opaque
 * content is the hypervisor's own JSON record). Implementations: {@link InMemoryPowerStateStore}
 * (tests, simulator) and {@link FilePowerStateStore} (a local file, for demos on real processes).
 */
public interface PowerStateStore {
    /** The last saved content, or empty if none was saved or it cannot be trusted. */
    Optional<byte[]> load();

    /**
     * Replaces the saved content durably.
     *
     * @throws java.io.UncheckedIOException if it cannot be saved
     */
    void save(byte[] content);

    /**
     * Why the last {@link #load()} returned empty although something was stored (for example a
     * corrupt file), or empty if there was no such problem.
     */
    default Optional<String> loadProblem() {
        return Optional.empty();
    }
}
