package io.openfdm.agent.node;

import io.openfdm.core.env.DatastoreFiles;
import io.openfdm.core.env.DatastoreIoException;
import io.openfdm.core.model.HostId;
import io.openfdm.datastore.HaPaths;
import io.openfdm.datastore.file.Result;
import io.openfdm.datastore.heartbeat.HeartbeatFile;
import io.openfdm.datastore.heartbeat.HeartbeatRecord;
import io.openfdm.datastore.lease.LeaseFile;
import io.openfdm.datastore.lease.LeaseObservation;
import io.openfdm.datastore.lease.LeaseRecord;
import io.openfdm.datastore.protectedlist.ProtectedList;
import io.openfdm.master.MasterEvent.ProtectedListRead;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * The agent's reads and writes of HA files on datastores ({@code .vSphere-HA/<cluster>/}): lease,
 * heartbeat and protectedlist, turning I/O errors into values the state machines understand.
 */
final class DatastoreIo {
    private final String clusterId;
    private final DatastoreFiles files;
    private final LeaseFile leaseFile;
    private final HeartbeatFile heartbeatFile;

    DatastoreIo(String clusterId, DatastoreFiles files) {
        this.clusterId = clusterId;
        this.files = files;
        this.leaseFile = new LeaseFile(files, clusterId);
        this.heartbeatFile = new HeartbeatFile(files, clusterId);
    }

    boolean accessible(String ds) {
        try {
            return files.accessible(ds);
        } catch (DatastoreIoException e) {
            return false;
        }
    }

    LeaseObservation readLease(String ds) {
        return leaseFile.read(ds);
    }

    boolean writeLease(String ds, LeaseRecord record) {
        return leaseFile.write(ds, record, record.wallMs());
    }

    /** The host's heartbeat counter on {@code ds}; empty when missing, corrupt or unreadable. */
    OptionalLong readHeartbeat(String ds, HostId host) {
        try {
            return heartbeatFile.counter(ds, host);
        } catch (DatastoreIoException e) {
            return OptionalLong.empty();
        }
    }

    void writeHeartbeat(String ds, HeartbeatRecord record) {
        try {
            heartbeatFile.write(ds, record);
        } catch (DatastoreIoException e) {
            // The master sees the heartbeat stop; nothing else to do here.
        }
    }

    ProtectedListRead readProtectedList(String ds) {
        try {
            Optional<byte[]> bytes = files.read(ds, HaPaths.protectedList(clusterId));
            if (bytes.isEmpty()) {
                return new ProtectedListRead.Missing();
            }
            Result<ProtectedList> decoded = ProtectedList.CODEC.decode(bytes.get());
            if (decoded instanceof Result.Valid<ProtectedList> v) {
                return new ProtectedListRead.Found(v.value());
            }
            return new ProtectedListRead.Corrupt(((Result.Corrupt<ProtectedList>) decoded).reason());
        } catch (DatastoreIoException e) {
            return new ProtectedListRead.Unreadable(e.getMessage());
        }
    }

    /** Writes the protectedlist; null on success, else the error. */
    String writeProtectedList(String ds, ProtectedList list) {
        try {
            files.writeAtomic(ds, HaPaths.protectedList(clusterId), ProtectedList.CODEC.encode(list));
            return null;
        } catch (DatastoreIoException e) {
            return e.getMessage();
        }
    }
}
