package io.openfdm.agent.isolation;

import io.openfdm.core.config.IsolationPolicy;
import io.openfdm.core.env.AddressProbe;
import io.openfdm.core.env.DefaultGateway;

import java.util.ArrayList;
import java.util.List;

/**
 * One round of isolation pings: resolves the addresses ({@link IsolationAddresses}, reading the
 * default gateway now) and pings them one after another until one answers. Blocking (up to
 * {@value #PING_TIMEOUT_MS} ms per address): the agent runs it through its {@code HypervisorCalls},
 * never on its event thread in production.
 */
public final class IsolationProbe {
    /**
     * How long one ping waits for its answer, milliseconds. Our choice: short, because the round
     * is repeated every {@link IsolationMachine#PROBE_INTERVAL_MS} while the host hears no agent;
     * FDM's own {@code icmpPingTimeout} for management addresses is 5 s.
     */
    public static final long PING_TIMEOUT_MS = 1000;

    private final IsolationPolicy policy;
    private final DefaultGateway gateway;
    private final AddressProbe probe;

    public IsolationProbe(IsolationPolicy policy, DefaultGateway gateway, AddressProbe probe) {
        this.policy = policy;
        this.gateway = gateway;
        this.probe = probe;
    }

    /** Pings until one address answers; never throws. */
    public ProbeOutcome run() {
        List<String> addresses;
        try {
            addresses = IsolationAddresses.of(policy, gateway.address());
        } catch (RuntimeException e) {
            addresses = IsolationAddresses.of(policy, java.util.Optional.empty());
        }
        if (addresses.isEmpty()) {
            return new ProbeOutcome.NoAddress();
        }
        List<String> tried = new ArrayList<>();
        for (String address : addresses) {
            tried.add(address);
            if (probe.answers(address, PING_TIMEOUT_MS)) {
                return new ProbeOutcome.Answered(address);
            }
        }
        return new ProbeOutcome.NoneAnswered(tried);
    }
}
