package io.openfdm.bridge.store;

import io.openfdm.bridge.api.HaSettings;
import io.openfdm.bridge.config.ClusterIdentity;

/**
 * What the bridge keeps about one cluster between runs.
 *
 * @param moid          the cluster's MOID
 * @param haEnabled     HA turned on through the bridge
 * @param identity      cluster id and key, created on first enable; null before
 * @param settings      HA settings (vcsim ignores {@code dasConfig}, so the bridge keeps them)
 * @param version       last configuration version built for the agents, 0 if none
 * @param fingerprint   {@code ConfigBuilder.fingerprint} of that configuration, empty if none
 */
public record ClusterState(String moid, boolean haEnabled, ClusterIdentity identity, HaSettings settings, long version,
                           String fingerprint) {

    /** A cluster never enabled, with these settings. */
    public static ClusterState fresh(String moid, HaSettings settings) {
        return new ClusterState(moid, false, null, settings, 0, "");
    }

    public ClusterState withIdentity(ClusterIdentity newIdentity) {
        return new ClusterState(moid, haEnabled, newIdentity, settings, version, fingerprint);
    }

    public ClusterState withEnabled(boolean enabled) {
        return new ClusterState(moid, enabled, identity, settings, version, fingerprint);
    }

    public ClusterState withSettings(HaSettings newSettings) {
        return new ClusterState(moid, haEnabled, identity, newSettings, version, fingerprint);
    }

    public ClusterState withVersion(long newVersion, String newFingerprint) {
        return new ClusterState(moid, haEnabled, identity, settings, newVersion, newFingerprint);
    }
}
