package io.openfdm.datastore.heartbeat;

import io.openfdm.core.model.HostId;
import io.openfdm.datastore.file.FileCodec;

import java.util.Objects;

/**
 * Content of a datastore heartbeat file {@code .vSphere-HA/<cluster>/host-<moid>-hb}, in a
 * checksummed envelope of kind {@code heartbeat}. VMware HA on NFS has each host touch its
 * {@code host-N-hb} file every 5 s and the master check that it changes (vSphere HA Deepdive); we
 * bump a counter instead of relying on file timestamps, so no two clocks are ever compared.
 *
 * @param host    the writing host (must match the file name)
 * @param counter incremented on every write; any change means the host is alive
 * @param wallMs  writer's wall clock, milliseconds since the epoch; informational only
 */
public record HeartbeatRecord(HostId host, long counter, long wallMs) {
    /** File codec, envelope kind {@code heartbeat}. */
    public static final FileCodec<HeartbeatRecord> CODEC = new FileCodec<>("heartbeat", HeartbeatRecord.class);

    public HeartbeatRecord {
        Objects.requireNonNull(host, "host");
    }
}
