package io.openfdm.agent.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.openfdm.core.config.ClusterConfig;
import io.openfdm.core.env.LocalStore;
import io.openfdm.core.model.HostId;
import io.openfdm.core.model.HostMode;
import io.openfdm.core.model.Role;
import io.openfdm.datastore.json.FdmJson;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;

/**
 * {@link LocalStore} in the agent's H2 database: the cluster configuration in force (as FdmJson
 * JSON of {@link ClusterConfig}, with its version in its own column), the last role, the host's
 * administrative mode (table {@code host_mode}), and the transport epoch.
 *
 * <p>Methods throw {@link StoreException} when the database fails.
 */
public final class H2LocalStore implements LocalStore {
    private final H2Database db;

    public H2LocalStore(H2Database db) {
        this.db = db;
    }

    @Override
    public Optional<ClusterConfig> loadConfig() {
        String json = db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT json FROM config WHERE id = 1");
                 ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        });
        if (json == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(FdmJson.mapper().readValue(json, ClusterConfig.class));
        } catch (JsonProcessingException e) {
            throw new StoreException("stored cluster configuration does not parse: " + e.getOriginalMessage(), e);
        }
    }

    /** Replaces the stored configuration (whatever its version; the caller decides precedence). */
    @Override
    public void saveConfig(ClusterConfig config) {
        String json;
        try {
            json = FdmJson.mapper().writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot serialise cluster configuration", e);
        }
        db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("MERGE INTO config (id, version, json) KEY (id) VALUES (1, ?, ?)")) {
                s.setLong(1, config.version());
                s.setString(2, json);
                return s.executeUpdate();
            }
        });
    }

    @Override
    public Optional<LastRole> lastRole() {
        return db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT role, master, wall_ms FROM last_role WHERE id = 1");
                 ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String master = rs.getString(2);
                return Optional.of(new LastRole(Role.valueOf(rs.getString(1)), master == null ? null : HostId.of(master),
                        rs.getLong(3)));
            }
        });
    }

    @Override
    public void saveRole(LastRole role) {
        db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "MERGE INTO last_role (id, role, master, wall_ms) KEY (id) VALUES (1, ?, ?, ?)")) {
                s.setString(1, role.role().name());
                s.setString(2, role.master() == null ? null : role.master().moid());
                s.setLong(3, role.wallMs());
                return s.executeUpdate();
            }
        });
    }

    @Override
    public HostMode hostMode() {
        String stored = db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT mode FROM host_mode WHERE id = 1");
                 ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        });
        if (stored == null) {
            return HostMode.NORMAL;
        }
        try {
            return HostMode.valueOf(stored);
        } catch (IllegalArgumentException e) {
            throw new StoreException("stored host mode \"" + stored + "\" is not one of " + HostMode.displayNames(), e);
        }
    }

    @Override
    public void saveHostMode(HostMode mode) {
        db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "MERGE INTO host_mode (id, mode, wall_ms) KEY (id) VALUES (1, ?, ?)")) {
                s.setString(1, mode.name());
                s.setLong(2, System.currentTimeMillis());
                return s.executeUpdate();
            }
        });
    }

    /**
     * Allocates this run's transport epoch: {@code max(wallMs, previous epoch + 1)}, and stores it.
     * Peers drop packets whose epoch is lower than one they have seen from this host (replay
     * protection), so an epoch must never repeat or go back, even when the wall clock stepped back
     * across a restart.
     *
     * @param wallMs the wall clock now, milliseconds since the epoch
     * @return the epoch to use, in milliseconds
     */
    public long nextEpoch(long wallMs) {
        return db.inTransaction(c -> {
            long previous = Long.MIN_VALUE;
            try (PreparedStatement s = c.prepareStatement("SELECT last_epoch_ms FROM epoch WHERE id = 1");
                 ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    previous = rs.getLong(1);
                }
            }
            long epoch = previous == Long.MIN_VALUE ? wallMs : Math.max(wallMs, previous + 1);
            try (PreparedStatement s = c.prepareStatement("MERGE INTO epoch (id, last_epoch_ms) KEY (id) VALUES (1, ?)")) {
                s.setLong(1, epoch);
                s.executeUpdate();
            }
            return epoch;
        });
    }
}
