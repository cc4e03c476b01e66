package io.openfdm.agent.config;

import io.openfdm.core.config.ClusterConfig;
import io.openfdm.core.config.DatastoreSpec;
import io.openfdm.core.config.HostSpec;
import io.openfdm.core.config.Timing;
import io.openfdm.core.config.VmOverride;
import io.openfdm.core.model.HostId;
import io.openfdm.core.model.RestartPriority;
import io.openfdm.core.model.VmId;

import java.util.ArrayList;
import java.util.List;

/** Small valid cluster configurations for the agent's adapter tests. */
public final class ClusterFixtures {
    public static final String KEY_HEX = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    private ClusterFixtures() {
    }

    /** Hosts {@code host-1..host-n} on {@code address} with the given ports, two datastores. */
    public static ClusterConfig cluster(long version, String address, int... ports) {
        List<HostSpec> hosts = new ArrayList<>();
        for (int i = 0; i < ports.length; i++) {
            hosts.add(new HostSpec(HostId.of("host-" + (i + 1)), address, ports[i], List.of("ds-1", "ds-2"), 20000, 65536));
        }
        return new ClusterConfig("c1", version, KEY_HEX, hosts,
                List.of(new DatastoreSpec("ds-1", "/tmp/ds-1"), new DatastoreSpec("ds-2", "/tmp/ds-2")),
                List.of(new VmOverride(VmId.of("vm-3"), true, RestartPriority.HIGH)),
                2, Timing.defaults()).validate();
    }

    /** Three hosts on 127.0.0.11..13, port 8182. */
    public static ClusterConfig threeHosts() {
        List<HostSpec> hosts = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            hosts.add(new HostSpec(HostId.of("host-" + i), "127.0.0." + (10 + i), 8182, List.of("ds-1"), 20000, 65536));
        }
        return new ClusterConfig("c1", 1, KEY_HEX, hosts, List.of(new DatastoreSpec("ds-1", "/tmp/ds-1")),
                List.of(), 2, Timing.defaults()).validate();
    }
}
