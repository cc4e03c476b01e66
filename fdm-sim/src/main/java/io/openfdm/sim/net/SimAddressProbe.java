package io.openfdm.sim.net;

import io.openfdm.core.config.ClusterConfig;
import io.openfdm.core.config.HostSpec;
import io.openfdm.core.env.AddressProbe;
import io.openfdm.core.model.HostId;

import java.util.Optional;

/**
 * Pings as one simulated host sees them. A member's management address answers when the network
 * carries datagrams between the two hosts and the member is powered on: attached, or up with only
 * its agent stopped ({@link SimNetwork#hostUp}, {@code agent host-2 stop}). Any other address stands for a gateway or isolation address outside the cluster: it answers
 * unless this host's own cables are pulled (a partition between members leaves each side its
 * gateway, as a switch failure between racks would). Deterministic; never blocks.
 */
public final class SimAddressProbe implements AddressProbe {
    private final HostId self;
    private final ClusterConfig config;
    private final SimNetwork network;

    public SimAddressProbe(HostId self, ClusterConfig config, SimNetwork network) {
        this.self = self;
        this.config = config;
        this.network = network;
    }

    @Override
    public boolean answers(String address, long timeoutMs) {
        Optional<HostId> member = config.hosts().stream().filter(h -> h.address().equals(address))
                .map(HostSpec::id).findFirst();
        if (member.isPresent()) {
            return network.reachable(self, member.get()) && network.hostUp(member.get());
        }
        return !network.isCut(self);
    }
}
