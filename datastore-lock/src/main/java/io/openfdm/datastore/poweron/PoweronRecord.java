package io.openfdm.datastore.poweron;

import io.openfdm.core.model.HostId;
import io.openfdm.core.model.VmId;
import io.openfdm.datastore.file.FileCodec;

import java.util.List;
import java.util.Objects;

/**
 * Content of a host's poweron file {@code .vSphere-HA/<cluster>/host-<moid>-poweron}, in a
 * checksummed envelope of kind {@code poweron}. VMware HA's poweron file holds the isolation flag
 * on its first line ({@code 0} not isolated, {@code 1} isolated) followed by the host's powered-on
 * VMs; the master reads it to tell an isolated host from a partitioned one and to learn which VMs
 * an isolated host has powered off (vSphere HA Deepdive, fundamental concepts). We keep the same
 * two facts as JSON fields inside our envelope, so a torn or foreign file is detected, not trusted.
 *
 * @param host       the writing host (must match the file name)
 * @param isolated   the isolation flag: true while the host considers itself isolated
 * @param poweredOn  the VMs powered on on the host when it wrote the file, sorted by MOID
 * @param counter    incremented on every write, like the heartbeat counter
 * @param wallMs     writer's wall clock, milliseconds since the epoch; informational only
 * @param bootId     the writing agent's boot id (the one its inventory reports carry); 0 when not
 *                   known (a file written before the field existed); never null
 */
public record PoweronRecord(HostId host, boolean isolated, List<VmId> poweredOn, long counter, long wallMs, Long bootId) {
    /** File codec, envelope kind {@code poweron}. */
    public static final FileCodec<PoweronRecord> CODEC = new FileCodec<>("poweron", PoweronRecord.class);

    public PoweronRecord {
        Objects.requireNonNull(host, "host");
        poweredOn = poweredOn == null ? List.of() : poweredOn.stream().sorted().distinct().toList();
        bootId = bootId == null ? Long.valueOf(0) : bootId; // absent in files written before the field
    }

    /** A record whose writer's boot is not known. */
    public PoweronRecord(HostId host, boolean isolated, List<VmId> poweredOn, long counter, long wallMs) {
        this(host, isolated, poweredOn, counter, wallMs, Long.valueOf(0));
    }
}
