package io.openfdm.master;

import io.openfdm.core.journal.EventKind;
import io.openfdm.core.model.HostId;
import io.openfdm.core.model.VmId;
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

    /**
     * Ping {@code address} (the host's management address) for at most {@code timeoutMs}, off
     * the agent's thread; answer with {@link MasterEvent.AddressProbed} carrying {@code sentMs}.
     */
    record ProbeAddress(HostId host, String address, long timeoutMs, long sentMs) implements MasterAction {
    }

    /** Read {@code host}'s poweron file on a datastore; answer with {@link MasterEvent.PoweronObserved}. */
    record ReadPoweron(HostId host, String datastore) implements MasterAction {
    }

    /** List and read every poweredoff marker on a datastore; answer with {@link MasterEvent.PoweredOffMarkersRead}. */
    record ReadPoweredOffMarkers(String datastore) implements MasterAction {
    }

    /** Delete the poweredoff marker of a VM that runs again; no answer (the next read shows it). */
    record DeletePoweredOffMarker(String datastore, VmId vm) implements MasterAction {
    }

    /** Record an event in the journal. {@code durationMs} -1 when not a measurement. */
    record Journal(EventKind kind, String message, String subject, long durationMs) implements MasterAction {
    }
}
