package io.openfdm.datastore.heartbeat;

import io.openfdm.core.env.DatastoreFiles;
import io.openfdm.core.env.DatastoreIoException;
import io.openfdm.core.model.HostId;
import io.openfdm.datastore.HaPaths;
import io.openfdm.datastore.file.Result;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/** Reads and writes one cluster's heartbeat files ({@link HaPaths#heartbeat}) through {@link DatastoreFiles}. */
public final class HeartbeatFile {
    private final DatastoreFiles files;
    private final String clusterId;

    /** @throws IllegalArgumentException if the cluster ID cannot be a directory name */
    public HeartbeatFile(DatastoreFiles files, String clusterId) {
        this.files = Objects.requireNonNull(files, "files");
        this.clusterId = Objects.requireNonNull(clusterId, "clusterId");
        HaPaths.clusterDir(clusterId);
    }

    /**
     * Writes {@code record} to its host's file on {@code datastore}.
     *
     * @throws DatastoreIoException if the datastore cannot be written
     */
    public void write(String datastore, HeartbeatRecord record) {
        files.writeAtomic(datastore, HaPaths.heartbeat(clusterId, record.host()), HeartbeatRecord.CODEC.encode(record));
    }

    /**
     * The counter in {@code host}'s file, or empty when the file is absent, corrupt, or names
     * another host.
     *
     * @throws DatastoreIoException if the datastore cannot be read (so callers can tell "cannot
     *                              see" from "no heartbeat")
     */
    public OptionalLong counter(String datastore, HostId host) {
        Optional<byte[]> content = files.read(datastore, HaPaths.heartbeat(clusterId, host));
        if (content.isEmpty()) {
            return OptionalLong.empty();
        }
        if (HeartbeatRecord.CODEC.decode(content.get()) instanceof Result.Valid<HeartbeatRecord> valid
                && valid.value().host().equals(host)) {
            return OptionalLong.of(valid.value().counter());
        }
        return OptionalLong.empty();
    }
}
