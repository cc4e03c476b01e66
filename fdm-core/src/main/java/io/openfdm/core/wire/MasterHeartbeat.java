package io.openfdm.core.wire;

import io.openfdm.core.model.Claim;
import io.openfdm.core.model.HostId;

import java.util.List;

/**
 * Sent by a master to every configured member every {@code heartbeatIntervalMs} (and at once to a
 * host heard calling an election, so a running master is joined, not displaced).
 *
 * @param configVersion          the master's cluster configuration version
 * @param claim                  the master's claim, so two masters can tell which one steps down
 * @param ackedInventoryVersion  the last inventory version the master holds from the recipient
 *                               (-1: none); a slave re-sends its {@link VmReport} until they match
 * @param electionId             the election this master won (see {@link ElectionClaim#electionId})
 * @param downHosts              members the master does not see connected (dead, isolated,
 *                               partitioned): an election after the master fails does not wait for them
 */
public record MasterHeartbeat(long configVersion, Claim claim, long ackedInventoryVersion, long electionId,
                              List<HostId> downHosts) implements Message {
    public MasterHeartbeat {
        downHosts = List.copyOf(downHosts);
    }

    public static final int TYPE = 2;

    @Override
    public int typeCode() {
        return TYPE;
    }
}
