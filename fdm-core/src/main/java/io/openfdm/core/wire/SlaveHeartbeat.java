package io.openfdm.core.wire;

import io.openfdm.core.model.HostId;
import io.openfdm.core.model.HostMode;

import java.util.List;

/**
 * Sent by a slave to its master every {@code heartbeatIntervalMs}.
 *
 * @param configVersion         the slave's cluster configuration version
 * @param master                the master the slave believes in
 * @param inventoryVersion      version of the slave's VM inventory; grows on every change
 * @param accessibleDatastores  names of the datastores the slave can reach now (placement uses it)
 * @param hostMode              the slave's administrative mode (maintenance, standby); null is read
 *                              as {@link HostMode#NORMAL}
 */
public record SlaveHeartbeat(long configVersion, HostId master, long inventoryVersion,
                             List<String> accessibleDatastores, HostMode hostMode) implements Message {
    public static final int TYPE = 3;

    /** A heartbeat of a host in service ({@link HostMode#NORMAL}). */
    public SlaveHeartbeat(long configVersion, HostId master, long inventoryVersion, List<String> accessibleDatastores) {
        this(configVersion, master, inventoryVersion, accessibleDatastores, HostMode.NORMAL);
    }

    public SlaveHeartbeat {
        accessibleDatastores = List.copyOf(accessibleDatastores);
        if (hostMode == null) {
            hostMode = HostMode.NORMAL;
        }
    }

    @Override
    public int typeCode() {
        return TYPE;
    }
}
