package io.openfdm.bridge.store;

import io.openfdm.agent.store.H2Database;
import io.openfdm.agent.store.StoreException;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.openfdm.bridge.api.HaSettings;
import io.openfdm.bridge.config.ClusterIdentity;
import io.openfdm.datastore.json.FdmJson;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The bridge's state in an embedded H2 file {@code <stateDir>/bridge.mv.db}: one row per cluster
 * HA was ever enabled on or given settings for ({@link ClusterState}). H2 locks the file, so a second bridge on the same
 * state directory fails to open it (another process: H2's file lock; this process: a check here,
 * because H2 would share the file within one JVM). Thread-safe: calls are serialised on one connection.
 *
 * <p>Schema migrations are appended to {@link #MIGRATIONS}; a database with a newer schema is
 * refused.
 */
public final class BridgeStore implements AutoCloseable {
    private static final List<List<String>> MIGRATIONS = List.of(List.of(
            "CREATE TABLE cluster (moid VARCHAR(255) PRIMARY KEY, ha_enabled BOOLEAN NOT NULL,"
                    + " cluster_id VARCHAR(128), key_hex VARCHAR(256), settings VARCHAR NOT NULL,"
                    + " version BIGINT NOT NULL, fingerprint VARCHAR(64) NOT NULL)"));

    private final H2Database db;

    private BridgeStore(H2Database db) {
        this.db = db;
    }

    /**
     * Opens or creates the database and brings its schema up to date.
     *
     * @throws StoreException if it cannot be opened (another bridge holds it), or is newer than this build
     */
    public static BridgeStore open(Path stateDir) {
        return new BridgeStore(H2Database.open(stateDir, "bridge", MIGRATIONS));
    }

    /** The stored state of a cluster, if HA was ever enabled on it. */
    public synchronized Optional<ClusterState> find(String moid) {
        return run(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT * FROM cluster WHERE moid = ?")) {
                s.setString(1, moid);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(read(rs)) : Optional.<ClusterState>empty();
                }
            }
        });
    }

    /** Every stored cluster, by MOID. */
    public synchronized List<ClusterState> all() {
        return run(c -> {
            List<ClusterState> out = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM cluster ORDER BY moid")) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return out;
        });
    }

    /** Inserts or replaces a cluster's state. */
    public synchronized void save(ClusterState state) {
        String settings;
        try {
            settings = FdmJson.mapper().writeValueAsString(state.settings());
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot serialise HA settings", e);
        }
        run(c -> {
            try (PreparedStatement s = c.prepareStatement("MERGE INTO cluster (moid, ha_enabled, cluster_id, key_hex, settings,"
                    + " version, fingerprint) KEY (moid) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                s.setString(1, state.moid());
                s.setBoolean(2, state.haEnabled());
                s.setString(3, state.identity() == null ? null : state.identity().clusterId());
                s.setString(4, state.identity() == null ? null : state.identity().keyHex());
                s.setString(5, settings);
                s.setLong(6, state.version());
                s.setString(7, state.fingerprint());
                return s.executeUpdate();
            }
        });
    }

    @Override
    public void close() {
        db.close();
    }

    private static ClusterState read(ResultSet rs) throws SQLException {
        HaSettings settings;
        try {
            settings = FdmJson.mapper().readValue(rs.getString("settings"), HaSettings.class);
        } catch (JsonProcessingException e) {
            throw new StoreException("stored HA settings of " + rs.getString("moid") + " do not parse: " + e.getOriginalMessage(), e);
        }
        String clusterId = rs.getString("cluster_id");
        return new ClusterState(rs.getString("moid"), rs.getBoolean("ha_enabled"),
                clusterId == null ? null : new ClusterIdentity(clusterId, rs.getString("key_hex")), settings, rs.getLong("version"),
                rs.getString("fingerprint"));
    }

    private <T> T run(H2Database.Work<T> work) {
        return db.inTransaction(work);
    }
}
