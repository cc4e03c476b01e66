package io.openfdm.agent.node;

import io.openfdm.core.env.DatastoreFiles;
import io.openfdm.core.env.DatastoreIoException;
import io.openfdm.core.model.HostId;
import io.openfdm.core.model.VmId;
import io.openfdm.datastore.HaPaths;
import io.openfdm.datastore.poweron.PoweredOffMarker;
import io.openfdm.datastore.poweron.PoweronFiles;
import io.openfdm.datastore.poweron.PoweronRecord;
import io.openfdm.datastore.file.Result;
import io.openfdm.datastore.heartbeat.HeartbeatFile;
import io.openfdm.datastore.heartbeat.HeartbeatRecord;
import io.openfdm.datastore.lease.LeaseFile;
import io.openfdm.datastore.lease.LeaseObservation;
import io.openfdm.datastore.lease.LeaseRecord;
import io.openfdm.datastore.protectedlist.ProtectedList;
import io.openfdm.master.MasterEvent.ProtectedListRead;

import java.util.List;
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
    private final PoweronFiles poweronFiles;

    DatastoreIo(String clusterId, DatastoreFiles files) {
        this.clusterId = clusterId;
        this.files = files;
        this.leaseFile = new LeaseFile(files, clusterId);
        this.heartbeatFile = new HeartbeatFile(files, clusterId);
        this.poweronFiles = new PoweronFiles(files, clusterId);
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

    /** Writes this host's poweron file on {@code ds}; false when the datastore cannot be written. */
    boolean writePoweron(String ds, PoweronRecord record) {
        try {
            poweronFiles.write(ds, record);
            return true;
        } catch (DatastoreIoException e) {
            return false;
        }
    }

    /** {@code host}'s poweron record on {@code ds}; empty when missing, corrupt or unreadable. */
    Optional<PoweronRecord> readPoweron(String ds, HostId host) {
        try {
            return poweronFiles.read(ds, host);
        } catch (DatastoreIoException e) {
            return Optional.empty();
        }
    }

    /** Writes a poweredoff marker on {@code ds}; false when the datastore cannot be written. */
    boolean writePoweredOffMarker(String ds, PoweredOffMarker marker) {
        try {
            poweronFiles.writeMarker(ds, marker);
            return true;
        } catch (DatastoreIoException e) {
            return false;
        }
    }

    /** The poweredoff marker of {@code vm} on {@code ds}; empty when missing, corrupt or unreadable. */
    Optional<PoweredOffMarker> readPoweredOffMarker(String ds, VmId vm) {
        try {
            return poweronFiles.readMarker(ds, vm);
        } catch (DatastoreIoException e) {
            return Optional.empty();
        }
    }

    /** Every valid poweredoff marker on {@code ds}; empty when the datastore cannot be read. */
    Optional<List<PoweredOffMarker>> readPoweredOffMarkers(String ds) {
        try {
            return Optional.of(poweronFiles.markers(ds));
        } catch (DatastoreIoException e) {
            return Optional.empty();
        }
    }

    /** Deletes the poweredoff marker of {@code vm} on {@code ds}; false when absent or unwritable. */
    boolean deletePoweredOffMarker(String ds, VmId vm) {
        try {
            return poweronFiles.deleteMarker(ds, vm);
        } catch (DatastoreIoException e) {
            return false;
        }
    }
}
