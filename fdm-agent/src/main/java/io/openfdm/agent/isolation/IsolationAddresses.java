package io.openfdm.agent.isolation;

import io.openfdm.core.config.IsolationPolicy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The addresses an isolated-looking host pings, in order: its default gateway (unless
 * {@code useDefaultIsolationAddress} is false), then the configured isolation addresses, without
 * duplicates. VMware FDM pings the management network's gateway by default and
 * {@code das.isolationaddress0..9} in addition (vSphere HA Deepdive).
 */
public final class IsolationAddresses {
    private IsolationAddresses() {
    }

    /**
     * @param policy  the cluster's isolation policy
     * @param gateway this host's default gateway as read now, or empty when it has none
     * @return the addresses to ping, possibly empty
     */
    public static List<String> of(IsolationPolicy policy, Optional<String> gateway) {
        List<String> out = new ArrayList<>();
        if (policy.useDefaultIsolationAddress()) {
            gateway.filter(g -> !g.isBlank()).ifPresent(out::add);
        }
        for (String a : policy.isolationAddresses()) {
            if (!out.contains(a)) {
                out.add(a);
            }
        }
        return List.copyOf(out);
    }
}
