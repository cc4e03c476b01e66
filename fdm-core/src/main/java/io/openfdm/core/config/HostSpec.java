package io.openfdm.core.config;

import io.openfdm.core.model.HostId;

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
 */
public record HostSpec(HostId id, String address, int port, List<String> datastores,
                       int cpuMhz, int memoryMb) {
    public HostSpec {
        datastores = List.copyOf(datastores);
    }
}
