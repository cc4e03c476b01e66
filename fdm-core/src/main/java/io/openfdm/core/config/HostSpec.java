package io.openfdm.core.config;

import io.openfdm.core.model.HostId;
import io.openfdm.core.model.HostMode;

import java.util.List;

/**
 * A cluster member.
 *
 * @param id          the host's MOID
 * @param address     the IP address its agent binds and peers send to (e.g. {@code 127.0.0.11})
 * @param port        UDP port of the agent (FDM uses 8182)
 * @param datastores  names of the datastores this host is configured to reach
 * @param cpuMhz      CPU capacity available for VM reservations, in MHz
 * @param memoryMb    memory capacity available for VM reservations, in MiB
 * @param mode        the host's administrative mode as vCenter reports it ({@code cluster.json}
 *                    {@code hosts[].mode}; the vcenter-bridge writes {@code runtime.inMaintenanceMode}
 *                    and the power state {@code standBy} here); null is read as
 *                    {@link HostMode#NORMAL}. The host's agent switches to a mode when a newer
 *                    configuration changes it (see {@code AgentNode.applyConfiguredMode})
 */
public record HostSpec(HostId id, String address, int port, List<String> datastores,
                       int cpuMhz, int memoryMb, HostMode mode) {
    public HostSpec {
        datastores = List.copyOf(datastores);
        mode = mode == null ? HostMode.NORMAL : mode;
    }

    /** A member in service ({@link HostMode#NORMAL}). */
    public HostSpec(HostId id, String address, int port, List<String> datastores, int cpuMhz, int memoryMb) {
        this(id, address, port, datastores, cpuMhz, memoryMb, HostMode.NORMAL);
    }

    /** This member with another mode. */
    public HostSpec withMode(HostMode next) {
        return new HostSpec(id, address, port, datastores, cpuMhz, memoryMb, next);
    }
}
