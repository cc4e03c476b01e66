package io.openfdm.sim.host;

import io.openfdm.core.config.ClusterConfig;
import io.openfdm.core.env.LocalStore;
import io.openfdm.core.model.HostMode;

import java.util.Optional;

/** A host's agent-local durable state in memory; like the H2 file, it survives crashes. */
public final class MemoryLocalStore implements LocalStore {
    private ClusterConfig config;
    private LastRole lastRole;
    private HostMode hostMode = HostMode.NORMAL;

    @Override
    public Optional<ClusterConfig> loadConfig() {
        return Optional.ofNullable(config);
    }

    @Override
    public void saveConfig(ClusterConfig newConfig) {
        this.config = newConfig;
    }

    @Override
    public Optional<LastRole> lastRole() {
        return Optional.ofNullable(lastRole);
    }

    @Override
    public void saveRole(LastRole role) {
        this.lastRole = role;
    }

    @Override
    public HostMode hostMode() {
        return hostMode;
    }

    @Override
    public void saveHostMode(HostMode mode) {
        this.hostMode = java.util.Objects.requireNonNull(mode, "mode");
    }
}
