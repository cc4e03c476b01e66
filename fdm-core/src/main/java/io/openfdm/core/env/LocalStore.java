package io.openfdm.core.env;

import io.openfdm.core.config.ClusterConfig;
import io.openfdm.core.model.HostId;
import io.openfdm.core.model.HostMode;
import io.openfdm.core.model.Role;

import java.util.Optional;

/**
 * Agent-local durable state (H2 in production): the configuration, the last known role, and the
 * host's administrative mode.
 */
public interface LocalStore {
    Optional<ClusterConfig> loadConfig();

    void saveConfig(ClusterConfig config);

    /**
     * @param role   the role this host had
     * @param master the master then, or null
     * @param wallMs when, milliseconds since the epoch
     */
    record LastRole(Role role, HostId master, long wallMs) {
    }

    Optional<LastRole> lastRole();

    void saveRole(LastRole role);

    /**
     * The host's administrative mode as last saved ({@code fdm host maintenance|standby}), so it
     * survives agent restarts; {@link HostMode#NORMAL} when never saved. The default is for stores
     * that keep no mode (test doubles): always {@link HostMode#NORMAL}.
     */
    default HostMode hostMode() {
        return HostMode.NORMAL;
    }

    /**
     * Saves the host's administrative mode.
     *
     * @throws UnsupportedOperationException by default: a store that keeps no mode cannot take one
     */
    default void saveHostMode(HostMode mode) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not keep the host mode");
    }
}
