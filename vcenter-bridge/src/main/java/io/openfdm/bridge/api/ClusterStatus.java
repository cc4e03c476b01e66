package io.openfdm.bridge.api;

import java.util.List;

/**
 * The cluster view of the plugin page and {@code fdm bridge status}.
 *
 * @param cluster          the cluster's summary
 * @param vcenterConnected the bridge's vCenter session is up
 * @param master           MOID of the master the agents report, empty if none is known
 * @param hosts            every host of the cluster, sorted by MOID
 * @param vms              every VM of the cluster, sorted by name
 * @param events           the last events the agents recorded, newest last (at most 50)
 * @param asOfMs           wall-clock time of this view, milliseconds since the epoch
 */
public record ClusterStatus(ClusterSummary cluster, boolean vcenterConnected, String master,
                            List<HostRow> hosts, List<VmRow> vms, List<EventRow> events, long asOfMs) {

    public ClusterStatus {
        hosts = List.copyOf(hosts);
        vms = List.copyOf(vms);
        events = List.copyOf(events);
    }

    /**
     * @param moid            host MOID
     * @param name            vCenter's host name
     * @param agentAddress    address:port of its agent
     * @param state           FDM state as the master reports it ({@code master}, {@code connectedToMaster},
     *                        {@code hostDown}, ...), or {@code unknown} when no agent answered
     * @param connectionState vCenter's {@code runtime.connectionState}
     * @param datastores      datastores it can reach, by name
     */
    public record HostRow(String moid, String name, String agentAddress, String state, String connectionState,
                          List<String> datastores) {
        public HostRow {
            datastores = List.copyOf(datastores);
        }
    }

    /**
     * @param moid          VM MOID
     * @param name          display name
     * @param host          MOID of the host vCenter says it runs on
     * @param power         vCenter's power state ({@code poweredOn}, {@code poweredOff}, {@code suspended})
     * @param protectedByHa in a protectedlist, as the master reports
     * @param priority      restart priority (from {@code dasVmConfig}, else the cluster default)
     * @param restartState  the master's restart state for it ({@code none}, {@code pending}, ...)
     */
    public record VmRow(String moid, String name, String host, String power, boolean protectedByHa,
                        String priority, String restartState) {
    }

    /**
     * @param wallMs  milliseconds since the epoch
     * @param host    MOID of the host that recorded it
     * @param kind    event kind ({@code io.openfdm.core.journal.EventKind} name)
     * @param message one line
     */
    public record EventRow(long wallMs, String host, String kind, String message) {
    }
}
