package io.openfdm.agent.runtime;

import io.openfdm.core.config.ClusterConfig;
import io.openfdm.core.env.LocalStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * Which cluster configuration an agent starts with: the one in its local store if its version is
 * newer than the file's (the agent learned of a reconfiguration the file on this host has not
 * caught up with), otherwise the file's. The choice is saved back to the store, so the store
 * always holds the configuration in force. On equal versions the file wins.
 */
final class ConfigPrecedence {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigPrecedence.class);

    private ConfigPrecedence() {
    }

    static ClusterConfig choose(LocalStore store, ClusterConfig fromFile) {
        Optional<ClusterConfig> stored = store.loadConfig();
        ClusterConfig chosen = fromFile;
        if (stored.isPresent()) {
            ClusterConfig s = stored.get();
            if (s.version() > fromFile.version()) {
                LOG.info("using the stored cluster configuration version {}: the file has older version {}", s.version(),
                        fromFile.version());
                chosen = s;
            } else if (s.version() == fromFile.version() && !s.equals(fromFile)) {
                LOG.warn("cluster configuration file differs from the stored one with the same version {}; using the file"
                        + " (raise the version when changing the configuration)", s.version());
            }
        }
        store.saveConfig(chosen);
        return chosen;
    }
}
