package io.openfdm.agent.slave;

import io.openfdm.core.model.HostId;
import io.openfdm.core.wire.Message;
import io.openfdm.core.wire.PowerOnRequest;
import io.openfdm.datastore.heartbeat.HeartbeatRecord;

/** Outputs of the {@link SlaveMachine}. */
public sealed interface SlaveAction {
    /** Send a message (to this host itself when it is the master: delivered locally). */
    record Send(HostId to, Message message) implements SlaveAction {
    }

    /** Write this host's heartbeat file {@code host-<moid>-hb} on {@code datastore}. */
    record WriteHeartbeat(String datastore, HeartbeatRecord record) implements SlaveAction {
    }

    /**
     * Carry out a power-on request: check the fencing generation against the lease file of the
     * VM's home datastore, register the VM if needed, power it on; answer with
     * {@link SlaveEvent.PowerOnDone}.
     */
    record ExecutePowerOn(HostId from, PowerOnRequest request) implements SlaveAction {
    }
}
