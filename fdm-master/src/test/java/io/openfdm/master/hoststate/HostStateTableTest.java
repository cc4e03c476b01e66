package io.openfdm.master.hoststate;

import io.openfdm.core.model.HostState;
import io.openfdm.master.hoststate.HostObservation.AddressProbeResult;
import io.openfdm.master.hoststate.HostObservation.DatastoreHeartbeat;
import io.openfdm.master.hoststate.HostObservation.IsolationFlag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The decision table, row by row: VMware's rows (vSphere HA Deepdive, "How the master classifies a
 * silent host") and ours for the pending cases. "current" is the state before the step; a row whose
 * result equals it where another current state would differ proves the verdict is pending.
 */
class HostStateTableTest {

    @ParameterizedTest(name = "self={0} net={1} election={2} heard={3} ds={4} ping={5} flag={6} from {7} -> {8}")
    @CsvSource({
            // self  net    elect  heard  ds       ping      flag     current                          expected
            "true,  false, false, true,  DEAD,    SILENT,   UNKNOWN, CONNECTED_TO_MASTER,             MASTER",
            // network heartbeats fresh: connected whatever the rest says
            "false, true,  false, true,  DEAD,    SILENT,   SET,     HOST_DOWN,                       CONNECTED_TO_MASTER",
            "false, true,  true,  true,  ALIVE,   ANSWERED, CLEAR,   NETWORK_ISOLATED,                CONNECTED_TO_MASTER",
            // silent but calling elections
            "false, false, true,  true,  DEAD,    SILENT,   UNKNOWN, CONNECTED_TO_MASTER,             ELECTION",
            // VMware: network no, datastore yes, ping no, flag set -> isolated
            "false, false, false, true,  ALIVE,   SILENT,   SET,     CONNECTED_TO_MASTER,             NETWORK_ISOLATED",
            // VMware: network no, datastore yes, ping no, flag clear -> partitioned
            "false, false, false, true,  ALIVE,   SILENT,   CLEAR,   CONNECTED_TO_MASTER,             NETWORK_PARTITIONED_FROM_MASTER",
            // no poweron file: partitioned, not isolated
            "false, false, false, true,  ALIVE,   UNKNOWN,  UNKNOWN, CONNECTED_TO_MASTER,             NETWORK_PARTITIONED_FROM_MASTER",
            // a live datastore heartbeat outranks an answered ping: the agent runs
            "false, false, false, true,  ALIVE,   ANSWERED, CLEAR,   CONNECTED_TO_MASTER,             NETWORK_PARTITIONED_FROM_MASTER",
            "false, false, false, true,  ALIVE,   ANSWERED, SET,     NETWORK_PARTITIONED_FROM_MASTER, NETWORK_ISOLATED",
            // the flag changes a partitioned host into an isolated one and back
            "false, false, false, true,  ALIVE,   SILENT,   CLEAR,   NETWORK_ISOLATED,                NETWORK_PARTITIONED_FROM_MASTER",
            // VMware: all silent and no ping -> failed, restart
            "false, false, false, true,  DEAD,    SILENT,   UNKNOWN, CONNECTED_TO_MASTER,             HOST_DOWN",
            "false, false, false, true,  DEAD,    SILENT,   SET,     NETWORK_ISOLATED,                HOST_DOWN",
            "false, false, false, false, DEAD,    SILENT,   UNKNOWN, CONNECTED_TO_MASTER,             HOST_DOWN",
            // VMware: ping answered, agent silent -> FDM agent down, no restart
            "false, false, false, true,  DEAD,    ANSWERED, UNKNOWN, CONNECTED_TO_MASTER,             FDM_UNREACHABLE",
            "false, false, false, true,  DEAD,    ANSWERED, CLEAR,   HOST_DOWN,                       FDM_UNREACHABLE",
            // a host whose agent never ran in the cluster but whose address answers
            "false, false, false, false, DEAD,    ANSWERED, UNKNOWN, CONNECTED_TO_MASTER,             UNINITIALIZED",
            // pending: ping not back yet
            "false, false, false, true,  DEAD,    UNKNOWN,  UNKNOWN, CONNECTED_TO_MASTER,             CONNECTED_TO_MASTER",
            "false, false, false, true,  DEAD,    UNKNOWN,  UNKNOWN, FDM_UNREACHABLE,                 FDM_UNREACHABLE",
            // pending: datastore verdict not reached
            "false, false, false, true,  UNKNOWN, SILENT,   SET,     CONNECTED_TO_MASTER,             CONNECTED_TO_MASTER",
            "false, false, false, true,  UNKNOWN, ANSWERED, CLEAR,   NETWORK_PARTITIONED_FROM_MASTER, NETWORK_PARTITIONED_FROM_MASTER",
    })
    void classifies(boolean self, boolean net, boolean election, boolean heard, DatastoreHeartbeat ds,
                    AddressProbeResult ping, IsolationFlag flag, HostState current, HostState expected) {
        HostObservation in = new HostObservation(self, net, election, heard, ds, ping, flag);
        assertThat(HostStateTable.classify(in, current)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"HOST_DOWN, true", "NETWORK_ISOLATED, false", "NETWORK_PARTITIONED_FROM_MASTER, false",
            "FDM_UNREACHABLE, false", "UNINITIALIZED, false", "ELECTION, false", "CONNECTED_TO_MASTER, false"})
    void onlyADeadHostsVmsAreRestartedAtOnce(HostState state, boolean restarts) {
        assertThat(HostStateTable.restartsVms(state)).isEqualTo(restarts);
    }
}
