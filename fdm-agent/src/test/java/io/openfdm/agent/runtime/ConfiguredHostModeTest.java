package io.openfdm.agent.runtime;

import io.openfdm.agent.admin.AdminClient;
import io.openfdm.agent.config.AgentConfig;
import io.openfdm.agent.config.ClusterConfigFiles;
import io.openfdm.agent.config.ClusterFixtures;
import io.openfdm.core.config.ClusterConfig;
import io.openfdm.core.config.DatastoreSpec;
import io.openfdm.core.config.HostSpec;
import io.openfdm.core.config.Timing;
import io.openfdm.core.journal.EventKind;
import io.openfdm.core.model.HostId;
import io.openfdm.core.model.HostMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real agent follows its host's mode in the cluster configuration ({@code hosts[].mode}, what
 * the vcenter-bridge copies from vCenter): a newer configuration that only puts the host into
 * maintenance is applied in place (no new election) and the master resigns; one that brings it
 * back to normal together with another change (a new election) leaves the host a master
 * candidate again. A mode set through the admin endpoint stays until the configuration's mode
 * changes.
 */
class ConfiguredHostModeTest {
    private static final HostId H1 = HostId.of("host-1");
    private static final String ADDRESS = "127.0.11.5";

    @TempDir
    Path dir;

    @Test
    void theAgentFollowsItsModeInNewerConfigurations() throws Exception {
        InetAddress lo = InetAddress.getByName(ADDRESS);
        int udp;
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(lo, 0))) {
            udp = s.getLocalPort();
        }
        int tcp;
        try (ServerSocket s = new ServerSocket(0, 1, lo)) {
            tcp = s.getLocalPort();
        }
        Path ds = Files.createDirectories(dir.resolve("datastores/ds-1"));
        Path ds2 = Files.createDirectories(dir.resolve("datastores/ds-2"));
        HostSpec normal = new HostSpec(H1, ADDRESS, udp, List.of("ds-1"), 20000, 65536);
        ClusterConfig v1 = config(1, normal, ds, null);
        Path file = dir.resolve("cluster.json");
        ClusterConfigFiles.write(file, v1);
        AgentConfig agent = new AgentConfig(H1, dir.resolve("state"), file, new InetSocketAddress(lo, tcp), "simulated");

        try (AgentRuntime rt = AgentRuntime.start(agent, v1)) {
            AdminClient admin = AdminClient.forAgent(agent);
            waitFor("master", () -> admin.status().role().equals("master"));

            ClusterConfig v2 = config(2, normal.withMode(HostMode.MAINTENANCE), ds, null);
            assertThat(v2.differsOnlyInOverrides(v1)).as("a mode change alone is applied in place").isTrue();
            ClusterConfigFiles.write(file, v2);
            waitFor("maintenance from the configuration", () -> admin.hostMode().mode().equals("maintenance"));
            waitFor("resigned", () -> admin.status().role().equals("election"));
            assertThat(admin.events(100)).anySatisfy(e -> assertThat(e.message())
                    .contains("configuration version 2 replaces 1").contains("applied without an election"));

            // The operator takes the host out of maintenance; a configuration whose mode does not
            // change (version 3 changes a datastore only) leaves the operator's choice alone.
            assertThat(admin.changeHostMode("maintenance", false).mode()).isEqualTo("normal");
            ClusterConfig v3 = config(3, normal.withMode(HostMode.MAINTENANCE), ds, ds2);
            ClusterConfigFiles.write(file, v3);
            waitFor("version 3", () -> rt.config().version() == 3);
            waitFor("master again", () -> admin.status().role().equals("master"));
            assertThat(admin.hostMode().mode()).isEqualTo("normal");

            // vCenter's mode changes: standby, with another datastore change (a new election).
            ClusterConfig v4 = config(4, normal.withMode(HostMode.STANDBY), ds, null);
            assertThat(v4.differsOnlyInOverrides(v3)).isFalse();
            ClusterConfigFiles.write(file, v4);
            waitFor("standby from the configuration", () -> admin.hostMode().mode().equals("standby"));
            waitFor("no master", () -> admin.status().role().equals("election"));
            assertThat(admin.events(200)).anySatisfy(e -> {
                assertThat(e.kind()).isEqualTo(EventKind.HOST_MODE_CHANGED);
                assertThat(e.message()).isEqualTo("entered standby mode");
            });
        }
    }

    private static ClusterConfig config(long version, HostSpec host, Path ds, Path extra) {
        List<DatastoreSpec> datastores = extra == null ? List.of(new DatastoreSpec("ds-1", ds.toString()))
                : List.of(new DatastoreSpec("ds-1", ds.toString()), new DatastoreSpec("ds-2", extra.toString()));
        return new ClusterConfig("c1", version, ClusterFixtures.KEY_HEX, List.of(host), datastores, List.of(), 2,
                Timing.aggressive()).validate();
    }

    private static void waitFor(String what, Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }
}
