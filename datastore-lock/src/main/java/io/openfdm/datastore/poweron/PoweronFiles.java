package io.openfdm.datastore.poweron;

import io.openfdm.core.env.DatastoreFiles;
import io.openfdm.core.env.DatastoreIoException;
import io.openfdm.core.model.HostId;
import io.openfdm.core.model.VmId;
import io.openfdm.datastore.HaPaths;
import io.openfdm.datastore.file.Result;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads and writes one cluster's poweron files ({@link HaPaths#poweron}) and poweredoff markers
 * ({@link HaPaths#poweredOffMarker}) through {@link DatastoreFiles}. A corrupt file, or one naming
 * another host or VM than its path, reads as absent: it is never trusted.
 */
public final class PoweronFiles {
    private final DatastoreFiles files;
    private final String clusterId;

    /** @throws IllegalArgumentException if the cluster ID cannot be a directory name */
    public PoweronFiles(DatastoreFiles files, String clusterId) {
        this.files = Objects.requireNonNull(files, "files");
        this.clusterId = Objects.requireNonNull(clusterId, "clusterId");
        HaPaths.clusterDir(clusterId);
    }

    /** @throws DatastoreIoException if the datastore cannot be written */
    public void write(String datastore, PoweronRecord record) {
        files.writeAtomic(datastore, HaPaths.poweron(clusterId, record.host()), PoweronRecord.CODEC.encode(record));
    }

    /**
     * {@code host}'s poweron record on {@code datastore}; empty when absent, corrupt or naming
     * another host.
     *
     * @throws DatastoreIoException if the datastore cannot be read
     */
    public Optional<PoweronRecord> read(String datastore, HostId host) {
        Optional<byte[]> content = files.read(datastore, HaPaths.poweron(clusterId, host));
        if (content.isPresent() && PoweronRecord.CODEC.decode(content.get()) instanceof Result.Valid<PoweronRecord> v
                && v.value().host().equals(host)) {
            return Optional.of(v.value());
        }
        return Optional.empty();
    }

    /** @throws DatastoreIoException if the datastore cannot be written */
    public void writeMarker(String datastore, PoweredOffMarker marker) {
        files.writeAtomic(datastore, HaPaths.poweredOffMarker(clusterId, marker.vm()), PoweredOffMarker.CODEC.encode(marker));
    }

    /**
     * The marker of {@code vm}; empty when absent, corrupt or naming another VM.
     *
     * @throws DatastoreIoException if the datastore cannot be read
     */
    public Optional<PoweredOffMarker> readMarker(String datastore, VmId vm) {
        Optional<byte[]> content = files.read(datastore, HaPaths.poweredOffMarker(clusterId, vm));
        if (content.isPresent() && PoweredOffMarker.CODEC.decode(content.get()) instanceof Result.Valid<PoweredOffMarker> v
                && v.value().vm().equals(vm)) {
            return Optional.of(v.value());
        }
        return Optional.empty();
    }

    /**
     * Every valid marker on {@code datastore}, by VM MOID order; corrupt ones are skipped.
     *
     * @throws DatastoreIoException if the datastore cannot be read
     */
    public List<PoweredOffMarker> markers(String datastore) {
        List<PoweredOffMarker> out = new ArrayList<>();
        for (String name : files.list(datastore, HaPaths.poweredOffDir(clusterId)).stream().sorted().toList()) {
            if (HaPaths.isSafeSegment(name) && !name.startsWith(".")) {
                readMarker(datastore, VmId.of(name)).ifPresent(out::add);
            }
        }
        return out;
    }

    /** Deletes the marker of {@code vm}; false when there was none. @throws DatastoreIoException on I/O failure */
    public boolean deleteMarker(String datastore, VmId vm) {
        return files.delete(datastore, HaPaths.poweredOffMarker(clusterId, vm));
    }
}
