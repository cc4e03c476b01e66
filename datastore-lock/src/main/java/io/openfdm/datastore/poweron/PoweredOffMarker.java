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
 * <p>The host writes the marker {@code pending} when it asks for the power-off or guest shutdown,
 * and again, not pending, once it sees the VM off. A pending marker survives an agent restart in the
 * middle of a guest shutdown (the new agent does not know the shutdown was HA's), and a VM that
 * still runs on its host under a pending marker is shutting down, not running again (random tier
 * seed 5441).
 *
 * @param vm        the VM
 * @param host      the isolated host that powered it off
 * @param hostBoot  that host's boot id when it did, so a marker from an earlier boot is told apart
 * @param response  the isolation response applied: {@code powerOff} or {@code shutdown}
 * @param wallMs    writer's wall clock, milliseconds since the epoch; informational only
 * @param pending   true while the power-off or shutdown is asked for and not yet seen done;
 *                  false (also when absent from the file) once the VM was seen off; never null
 */
public record PoweredOffMarker(VmId vm, HostId host, long hostBoot, String response, long wallMs, Boolean pending) {
    /** File codec, envelope kind {@code poweredoff}. */
    public static final FileCodec<PoweredOffMarker> CODEC = new FileCodec<>("poweredoff", PoweredOffMarker.class);

    public PoweredOffMarker {
        Objects.requireNonNull(vm, "vm");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(response, "response");
        pending = pending != null && pending; // absent in files written before the field
    }

    /** A marker of a VM seen powered off (not pending). */
    public PoweredOffMarker(VmId vm, HostId host, long hostBoot, String response, long wallMs) {
        this(vm, host, hostBoot, response, wallMs, false);
    }
}
