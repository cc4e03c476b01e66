package io.openfdm.master.hoststate;

import io.openfdm.core.model.HostState;
import io.openfdm.master.hoststate.HostObservation.DatastoreHeartbeat;
import io.openfdm.master.hoststate.HostObservation.IsolationFlag;

/**
 * The master's decision table: how it classifies a slave from its network heartbeats, its
 * datastore heartbeats, a ping of its management address and the isolation flag of its poweron
 * file, in vSphere's vocabulary ({@code ClusterDasFdmAvailabilityState}).
 *
 * <p>The rows, first match wins (vSphere HA Deepdive, "How the master classifies a silent host";
 * shared/reference/vmware-ha-facts.md §1):
 * <pre>
 * self                                                   -> master
 * network heartbeat fresh                                -> connectedToMaster
 * network silent, its election claims heard              -> election
 * network silent, datastore alive, flag set              -> networkIsolated
 * network silent, datastore alive, flag clear or unknown -> networkPartitionedFromMaster
 * network silent, datastore dead, ping answered, heard   -> fdmUnreachable   (agent down, no restart)
 * network silent, datastore dead, ping answered, never   -> uninitialized    (agent never ran here)
 * network silent, datastore dead, ping silent            -> hostDown         (its VMs are restarted)
 * anything else (datastore or ping still unknown)        -> unchanged (verdict pending)
 * </pre>
 * A live datastore heartbeat outranks the ping: the agent itself writes that file, so a host whose
 * file still changes has a running agent whatever the ping says. A missing poweron file (a host
 * that never wrote one) reads as not isolated, as VMware treats a silent host with live
 * datastore heartbeats as partitioned unless its file says otherwise.
 *
 * <p>Pure: no state, no clock.
 */
public final class HostStateTable {
    private HostStateTable() {
    }

    /**
     * @param in      what the master knows about the host now
     * @param current the host's state so far; returned when the verdict is pending
     * @return the host's state now
     */
    public static HostState classify(HostObservation in, HostState current) {
        if (in.self()) {
            return HostState.MASTER;
        }
        if (in.networkFresh()) {
            return HostState.CONNECTED_TO_MASTER;
        }
        if (in.electionHeard()) {
            return HostState.ELECTION;
        }
        if (in.datastore() == DatastoreHeartbeat.ALIVE) {
            return in.isolationFlag() == IsolationFlag.SET ? HostState.NETWORK_ISOLATED
                    : HostState.NETWORK_PARTITIONED_FROM_MASTER;
        }
        if (in.datastore() == DatastoreHeartbeat.DEAD) {
            return switch (in.probe()) {
                case ANSWERED -> in.everHeard() ? HostState.FDM_UNREACHABLE : HostState.UNINITIALIZED;
                case SILENT -> HostState.HOST_DOWN;
                case UNKNOWN -> current;
            };
        }
        return current;
    }

    /** True for the one state whose protected VMs the master restarts at once. */
    public static boolean restartsVms(HostState state) {
        return state == HostState.HOST_DOWN;
    }
}
