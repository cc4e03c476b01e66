package io.openfdm.core.model;

/**
 * A host's HA state, named after vSphere's {@code ClusterDasFdmAvailabilityState} (vSphere Web
 * Services API reference), as the master (or the host itself) sees it.
 */
public enum HostState {
    /** Not yet initialised or configured. */
    UNINITIALIZED,
    /** Taking part in an election. */
    ELECTION,
    /** This host is the master. */
    MASTER,
    /** A slave whose network heartbeats reach the master. */
    CONNECTED_TO_MASTER,
    /** Network silent, datastore heartbeats go on, isolation flag clear (issue: failure semantics). */
    NETWORK_PARTITIONED_FROM_MASTER,
    /** Network silent, datastore heartbeats go on, isolation flag set. */
    NETWORK_ISOLATED,
    /** Network and datastore heartbeats silent: declared dead; its VMs are restarted. */
    HOST_DOWN,
    /** The host answers but its agent does not. */
    FDM_UNREACHABLE;

    /** The vSphere API spelling, e.g. {@code connectedToMaster}. */
    public String vsphereName() {
        String[] parts = name().toLowerCase(java.util.Locale.ROOT).split("_");
        StringBuilder out = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            out.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
        }
        return out.toString();
    }
}
