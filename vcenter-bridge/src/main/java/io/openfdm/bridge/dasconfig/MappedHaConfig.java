package io.openfdm.bridge.dasconfig;

import io.openfdm.core.config.HaPolicy;
import io.openfdm.core.config.HeartbeatDatastorePolicy;
import io.openfdm.core.model.RestartPriority;

/**
 * What a cluster's HA configuration in vCenter ({@code configurationEx.dasConfig}) gives the
 * agents' configuration.
 *
 * @param defaultRestartPriority     {@code defaultVmSettings.restartPriority} (unset: medium)
 * @param policy                     {@code ha}: host monitoring, isolation, VM monitoring, admission control
 * @param heartbeatDatastoresPerHost {@code das.heartbeatDsPerHost} (unset: 2)
 * @param heartbeatDatastores        {@code hBDatastoreCandidatePolicy} and {@code heartbeatDatastore}
 */
public record MappedHaConfig(RestartPriority defaultRestartPriority, HaPolicy policy, int heartbeatDatastoresPerHost,
                             HeartbeatDatastorePolicy heartbeatDatastores) {
}
