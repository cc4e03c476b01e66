package io.openfdm.datastore;

import io.openfdm.core.model.HostId;
import io.openfdm.core.model.VmId;

import java.util.Optional;

/**
 * Where things live on a datastore, relative to its root, following VMware HA's layout (vSphere HA
 * Deepdive, fundamental concepts): a per-cluster directory {@code .vSphere-HA/<cluster>} holding
 * the {@code protectedlist} and one {@code host-<N>-hb} heartbeat file per host, and each VM in its
 * own directory {@code <vm>/}.
 *
 * <p>VMware locks {@code protectedlist} itself; we keep the lock as a separate lease file
 * {@code protectedlist.lease} beside it, so the list can be rewritten without touching the lease.
 * VMware's VM configuration is {@code <vm>/<vm>.vmx}; ours is {@code <vm>/<vm>.json}.
 *
 * <p>Every name used as a path segment (cluster ID, host and VM MOIDs) must be a single safe
 * segment: not blank, no '/', '\', NUL, not {@code .} or {@code ..}; otherwise
 * {@link IllegalArgumentException}.
 */
public final class HaPaths {
    /** The directory VMware HA keeps at the root of every datastore it uses. */
    public static final String HA_DIR = ".vSphere-HA";

    private static final String HB_PREFIX = "host-";
    private static final String HB_SUFFIX = "-hb";

    private HaPaths() {
    }

    /** {@code .vSphere-HA/<clusterId>}. */
    public static String clusterDir(String clusterId) {
        return HA_DIR + "/" + segment("cluster ID", clusterId);
    }

    /** {@code .vSphere-HA/<clusterId>/protectedlist}: the VMs the lease holder protects. */
    public static String protectedList(String clusterId) {
        return clusterDir(clusterId) + "/protectedlist";
    }

    /** {@code .vSphere-HA/<clusterId>/protectedlist.lease}: the lock on the protectedlist. */
    public static String protectedListLease(String clusterId) {
        return protectedList(clusterId) + ".lease";
    }

    /**
     * {@code .vSphere-HA/<clusterId>/host-<moid>-hb}. VMware names the file {@code host-<N>-hb}
     * with the numeric part; we keep the whole MOID, so host {@code host-7} writes
     * {@code host-host-7-hb}.
     */
    public static String heartbeat(String clusterId, HostId host) {
        return clusterDir(clusterId) + "/" + heartbeatFileName(host);
    }

    /** The file name part of {@link #heartbeat}: {@code host-<moid>-hb}. */
    public static String heartbeatFileName(HostId host) {
        return HB_PREFIX + segment("host MOID", host.moid()) + HB_SUFFIX;
    }

    /**
     * The host whose heartbeat file has this name, or empty if the name is not a heartbeat file
     * (for example {@code protectedlist} or a {@code .tmp-} file).
     */
    public static Optional<HostId> hostOfHeartbeatFile(String fileName) {
        if (fileName.length() <= HB_PREFIX.length() + HB_SUFFIX.length()
                || !fileName.startsWith(HB_PREFIX) || !fileName.endsWith(HB_SUFFIX)) {
            return Optional.empty();
        }
        String moid = fileName.substring(HB_PREFIX.length(), fileName.length() - HB_SUFFIX.length());
        return isSafeSegment(moid) ? Optional.of(HostId.of(moid)) : Optional.empty();
    }

    /**
     * {@code .vSphere-HA/<clusterId>/host-<moid>-poweron}: the host's isolation flag and powered-on
     * VMs (VMware's {@code host-<N>-poweron}; see {@link io.openfdm.datastore.poweron.PoweronRecord}).
     */
    public static String poweron(String clusterId, HostId host) {
        return clusterDir(clusterId) + "/" + HB_PREFIX + segment("host MOID", host.moid()) + "-poweron";
    }

    /** {@code .vSphere-HA/<clusterId>/poweredoff}: one marker per VM HA powered off on isolation. */
    public static String poweredOffDir(String clusterId) {
        return clusterDir(clusterId) + "/poweredoff";
    }

    /** {@code .vSphere-HA/<clusterId>/poweredoff/<vm-moid>}: see {@link io.openfdm.datastore.poweron.PoweredOffMarker}. */
    public static String poweredOffMarker(String clusterId, VmId vm) {
        return poweredOffDir(clusterId) + "/" + segment("VM MOID", vm.moid());
    }

    /** {@code <vm-moid>}: the VM's directory. */
    public static String vmDir(VmId vm) {
        return segment("VM MOID", vm.moid());
    }

    /** {@code <vm-moid>/<vm-moid>.json}: the VM's configuration file (plain JSON, no envelope). */
    public static String vmConfig(VmId vm) {
        String dir = vmDir(vm);
        return dir + "/" + dir + ".json";
    }

    /** True if {@code name} can be used as one path segment (see the class comment). */
    public static boolean isSafeSegment(String name) {
        return name != null && !name.isBlank() && !name.equals(".") && !name.equals("..")
                && name.indexOf('/') < 0 && name.indexOf('\\') < 0 && name.indexOf('\0') < 0;
    }

    private static String segment(String what, String name) {
        if (!isSafeSegment(name)) {
            throw new IllegalArgumentException(what + " cannot be used as a file name: '" + name + "'");
        }
        return name;
    }
}
