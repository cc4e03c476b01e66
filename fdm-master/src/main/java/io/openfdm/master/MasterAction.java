package io.openfdm.master;

import io.openfdm.core.journal.EventKind;
import io.openfdm.core.model.HostId;
import io.openfdm.core.wire.Message;
import io.openfdm.datastore.protectedlist.ProtectedList;

/** Outputs of the {@link MasterMachine}; the agent performs them and feeds results back. */
public sealed interface MasterAction {

    /** Send a message (to this host itself too: the agent delivers that locally). */
    record Send(HostId to, Message message) implements MasterAction {
    }

    /** Read the protectedlist of a datastore; answer with {@link MasterEvent.ProtectedListLoaded}. */
    record ReadProtectedList(String datastore) implements MasterAction {
    }

    /**
     * Write the protectedlist atomically, only if the lease is still held with the list's
     * generation; answer with {@link MasterEvent.ProtectedListWritten}.
     */
    record WriteProtectedList(String datastore, ProtectedList list) implements MasterAction {
    }

    /** Read a host's heartbeat file; answer with {@link MasterEvent.HeartbeatObserved}. */
    record ReadHeartbeat(HostId host, String datastore) implements MasterAction {
    }

    /** Record an event in the journal. {@code durationMs} -1 when not a measurement. */
    record Journal(EventKind kind, String message, String subject, long durationMs) implements MasterAction {
    }
}
