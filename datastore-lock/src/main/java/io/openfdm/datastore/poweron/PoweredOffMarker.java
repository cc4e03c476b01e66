package io.openfdm.datastore.poweron;

import io.openfdm.core.model.HostId;
import io.openfdm.core.model.VmId;
import io.openfdm.datastore.file.FileCodec;

import java.util.Objects;

/**
 * A {@code poweredoff} marker, {@code .vSphere-HA/<cluster>/poweredoff/<vm-moid>}, in a
 * checksummed envelope of kind {@code poweredoff}: HA itself powered this VM off on {@code host}
 * as the isolation response. VMware's isolated host writes one file per such VM in the
 * {@code poweredoff} directory, and the master restarts only VMs that HA powered off (vSphere HA
 * Deepdive). The master deletes the marker once the VM runs again.
 *
 * @param vm        the VM
 * @param host      the isolated host that powered it off
 * @param hostBoot  that host's boot id when it did, so a marker from an earlier boot is told apart
 * @param response  the isolation response applied: {@code powerOff} or {@code shutdown}
 * @param wallMs    writer's wall clock, milliseconds since the epoch; informational only
 */
public record PoweredOffMarker(VmId vm, HostId host, long hostBoot, String response, long wallMs) {
    /** File codec, envelope kind {@code poweredoff}. */
    public static final FileCodec<PoweredOffMarker> CODEC = new FileCodec<>("poweredoff", PoweredOffMarker.class);

    public PoweredOffMarker {
        Objects.requireNonNull(vm, "vm");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(response, "response");
    }
}
