package io.openfdm.core.env;

import java.util.Optional;

/**
 * This host's default gateway: FDM's default isolation address ({@code das.usedefaultisolationaddress},
 * vSphere HA Deepdive). Production reads the kernel's routing table ({@code /proc/net/route});
 * the simulator names a gateway its network model answers for.
 *
 * <p>May read a file: the agent calls it off its event thread, with the pings.
 */
@FunctionalInterface
public interface DefaultGateway {
    /** The gateway's address now (an IP literal), or empty when the host has no default route. */
    Optional<String> address();

    /** A host without a default gateway (tests, hosts on a flat network). */
    static DefaultGateway none() {
        return Optional::empty;
    }

    /** A fixed gateway address. */
    static DefaultGateway of(String address) {
        Optional<String> fixed = Optional.of(address);
        return () -> fixed;
    }
}
