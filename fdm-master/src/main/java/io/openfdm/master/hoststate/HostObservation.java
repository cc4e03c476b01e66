package io.openfdm.master.hoststate;

import java.util.Objects;

/**
 * Everything the master knows about one slave at one moment, as the inputs of
 * {@link HostStateTable#classify}. Each input is a plain value the master derived from its own
 * observations; none is read from a clock here.
 *
 * @param self              the host is this master itself
 * @param networkFresh      a network heartbeat (or report) arrived less than
 *                          {@code hostFailureTimeoutMs} ago
 * @param electionHeard     the host called an election (its claim reached this master) less than
 *                          {@code hostFailureTimeoutMs} ago
 * @param everHeard         the host's agent has been heard at least once, by this master or by
 *                          the host this master was before it won the election; false means its
 *                          agent has never run in this cluster as far as this master knows
 * @param datastore         what the host's heartbeat files on its heartbeat datastores say
 * @param probe             whether the host's management address answers a ping
 * @param isolationFlag     the isolation flag of the host's poweron file
 */
public record HostObservation(boolean self, boolean networkFresh, boolean electionHeard, boolean everHeard,
                              DatastoreHeartbeat datastore, AddressProbeResult probe, IsolationFlag isolationFlag) {

    public HostObservation {
        Objects.requireNonNull(datastore, "datastore");
        Objects.requireNonNull(probe, "probe");
        Objects.requireNonNull(isolationFlag, "isolationFlag");
    }

    /** The datastore heartbeat verdict for a host that is silent on the network. */
    public enum DatastoreHeartbeat {
        /** A heartbeat file changed after the host's last network heartbeat: its agent runs. */
        ALIVE,
        /**
         * Every heartbeat file the master reads has been unchanged for
         * {@code datastoreHeartbeatTimeoutMs}, or the master reads none of them.
         */
        DEAD,
        /** Not decided yet: some file is not stale but no change after the silence was seen. */
        UNKNOWN
    }

    /** The ping of the host's management address ({@code HostSpec.address}). */
    public enum AddressProbeResult {
        /** The address answered the latest ping taken since the host fell silent. */
        ANSWERED,
        /**
         * The latest ping got no answer, or the address cannot be pinged meaningfully (a loopback
         * address shared by every agent of the machine).
         */
        SILENT,
        /** No ping has come back since the host fell silent. */
        UNKNOWN
    }

    /** The first fact of the host's {@code host-<moid>-poweron} file. */
    public enum IsolationFlag {
        /** The host declared itself isolated ({@code 1} in VMware's file). */
        SET,
        /** The host does not consider itself isolated ({@code 0}). */
        CLEAR,
        /** No valid poweron file of the host on any datastore the master reads. */
        UNKNOWN
    }
}
