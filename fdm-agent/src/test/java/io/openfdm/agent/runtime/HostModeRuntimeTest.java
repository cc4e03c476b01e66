package io.openfdm.agent.runtime;

import io.openfdm.agent.admin.AdminClient;
import io.openfdm.agent.admin.HostModeAnswer;
import io.openfdm.agent.config.AgentConfig;
import io.openfdm.agent.config.ClusterConfigFiles;
import io.openfdm.agent.config.ClusterFixtures;
import io.openfdm.core.config.ClusterConfig;
import io.openfdm.core.config.DatastoreSpec;
import io.openfdm.core.config.HostSpec;
import io.openfdm.core.config.Timing;
import io.openfdm.core.journal.EventKind;
import io.openfdm.core.model.HostId;
import io.openfdm.core.status.AgentStatus;
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
 * A real agent (production node, H2 store, admin endpoint) of a one-host cluster: entering
 * maintenance through the admin endpoint makes the master resign, and with no other candidate
 * nobody is master; the mode survives a restart of the agent; exiting makes it master again.
 */
class HostModeRuntimeTest {
    private static final HostId H1 = HostId.of("host-1");
    private static final String ADDRESS = "127.0.10.5";

    @TempDir
    Path dir;

    @Test
    void maintenanceResignsTheMasterAndSurvivesAnAgentRestart() throws Exception {
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
        ClusterConfig cluster = new ClusterConfig("c1", 1, ClusterFixtures.KEY_HEX,
                List.of(new HostSpec(H1, ADDRESS, udp, List.of("ds-1"), 20000, 65536)),
                List.of(new DatastoreSpec("ds-1", ds.toString())), List.of(), 2, Timing.aggressive()).validate();
        Path file = dir.resolve("cluster.json");
        ClusterConfigFiles.write(file, cluster);
        AgentConfig agent = new AgentConfig(H1, dir.resolve("state"), file, new InetSocketAddress(lo, tcp), "simulated");

        try (AgentRuntime rt = AgentRuntime.start(agent, cluster)) {
            AdminClient admin = AdminClient.forAgent(agent);
            waitFor("master", () -> admin.status().role().equals("master"));
            assertThat(admin.changeHostMode("maintenance", true)).isEqualTo(new HostModeAnswer("host-1", "maintenance", true));
            waitFor("resigned", () -> admin.status().role().equals("election"));
            Thread.sleep(3 * cluster.timing().electionWindowMs());
            AgentStatus s = admin.status();
            assertThat(s.role()).as("no candidate, no master").isEqualTo("election");
            assertThat(s.hosts()).filteredOn(h -> h.host().equals("host-1")).singleElement()
                    .satisfies(h -> assertThat(h.mode()).isEqualTo("maintenance"));
            assertThat(admin.events(100)).anySatisfy(e -> {
                assertThat(e.kind()).isEqualTo(EventKind.HOST_MODE_CHANGED);
                assertThat(e.message()).isEqualTo("entered maintenance mode");
            }).anySatisfy(e -> assertThat(e.message()).startsWith("stepped down as master: election started: master host-1"
                    + " is no longer a candidate"));
        }
        try (AgentRuntime rt = AgentRuntime.start(agent, cluster)) {
            AdminClient admin = AdminClient.forAgent(agent);
            assertThat(admin.hostMode()).isEqualTo(new HostModeAnswer("host-1", "maintenance", false));
            Thread.sleep(2 * cluster.timing().electionWindowMs());
            assertThat(admin.status().role()).isEqualTo("election");
            assertThat(admin.changeHostMode("maintenance", false).mode()).isEqualTo("normal");
            waitFor("master after exit", () -> admin.status().role().equals("master"));
        }
    }

    private static void waitFor(String what, Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }
}
