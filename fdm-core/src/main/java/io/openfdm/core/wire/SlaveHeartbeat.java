package io.openfdm.core.wire;

import io.openfdm.core.model.HostId;

import java.util.List;

/**
 * Sent by a slave to its master every {@code heartbeatIntervalMs}.
 *
 * @param configVersion         the slave's cluster configuration version
 * @param master                the master the slave believes in
 * @param inventoryVersion      version of the slave's VM inventory; grows on every change
 * @param accessibleDatastores  names of the datastores the slave can reach now (placement uses it)
 */
public record SlaveHeartbeat(long configVersion, HostId master, long inventoryVersion,
                             List<String> accessibleDatastores) implements Message {
    public static final int TYPE = 3;

    public SlaveHeartbeat {
        accessibleDatastores = List.copyOf(accessibleDatastores);
    }

    @Override
    public int typeCode() {
        return TYPE;
    }
}
