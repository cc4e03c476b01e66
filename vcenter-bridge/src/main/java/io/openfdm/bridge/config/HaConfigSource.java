package io.openfdm.bridge.config;

import io.openfdm.bridge.api.BridgeException;
import io.openfdm.bridge.api.HaSettings;
import io.openfdm.bridge.dasconfig.DasConfigException;
import io.openfdm.bridge.dasconfig.DasConfigMapping;
import io.openfdm.bridge.dasconfig.MappedHaConfig;
import io.openfdm.bridge.inventory.ClusterRecord;
import io.openfdm.core.config.HeartbeatDatastorePolicy;
import io.openfdm.core.model.HostId;

import java.util.Map;
import java.util.Set;

/**
 * Where a cluster's HA settings come from: vCenter's {@code configurationEx.dasConfig} when vCenter
 * reports one (real vCenter always does), mapped by {@link DasConfigMapping}; else (vcsim, which
 * ignores {@code dasConfig}) the settings the bridge stores ({@link HaSettings}). The timer profile
 * is the bridge's own in both cases; vSphere has none.
 */
final class HaConfigSource {
    private HaConfigSource() {
    }

    /** Whether vCenter's {@code dasConfig} is used for this cluster. */
    static boolean fromVcenter(ClusterRecord cluster) {
        return DasConfigMapping.reported(cluster.dasConfig());
    }

    /**
     * @param members    the configuration's hosts
     * @param datastores the configuration's datastores: name by MOID
     * @throws BridgeException {@code INVALID} naming the vSphere field (or settings field) that cannot be used
     */
    static MappedHaConfig of(ClusterRecord cluster, HaSettings settings, Set<HostId> members, Map<String, String> datastores) {
        if (fromVcenter(cluster)) {
            try {
                return DasConfigMapping.map(cluster.dasConfig(), members, datastores);
            } catch (DasConfigException e) {
                throw new BridgeException(BridgeException.Kind.INVALID, "vCenter's HA configuration: " + e.getMessage());
            }
        }
        HaSettingsRules.validate(settings);
        return new MappedHaConfig(HaSettingsRules.priority(settings.defaultRestartPriority()), HaSettingsRules.policy(settings),
                settings.heartbeatDatastoresPerHost(), HeartbeatDatastorePolicy.defaults());
    }
}
