package io.openfdm.core.status;

import java.util.List;

/**
 * @param host          MOID
 * @param address       agent address
 * @param state         vSphere name of the state ({@code connectedToMaster}, {@code hostDown}, ...)
 * @param lastHeardMsAgo milliseconds since its last network heartbeat, -1 if never
 * @param datastores    datastores it reports as accessible
 * @param poweredOnVms  VMs powered on there, as last reported
 * @param mode          the host's administrative mode ({@code normal}, {@code maintenance},
 *                      {@code standby}; {@code HostMode.displayName()}), as last reported; null
 *                      from an agent that does not report it
 */
public record HostStatus(String host, String address, String state, long lastHeardMsAgo,
                         List<String> datastores, int poweredOnVms, String mode) {

    /** A status without the host's mode (unknown). */
    public HostStatus(String host, String address, String state, long lastHeardMsAgo,
                      List<String> datastores, int poweredOnVms) {
        this(host, address, state, lastHeardMsAgo, datastores, poweredOnVms, null);
    }
}
