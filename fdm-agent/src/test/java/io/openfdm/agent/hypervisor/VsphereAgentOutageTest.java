package io.openfdm.agent.hypervisor;

import io.openfdm.agent.config.AgentConfig;
import io.openfdm.agent.config.AgentConfigFiles;
import io.openfdm.agent.config.ClusterConfigFiles;
import io.openfdm.agent.runtime.AgentRuntime;
import io.openfdm.core.config.ClusterConfig;
import io.openfdm.core.config.ConfigException;
import io.openfdm.core.model.HostId;
import io.openfdm.core.status.AgentStatus;
import io.openfdm.vsphere.VsphereClient;
import io.openfdm.vsphere.vcsim.Vcsim;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The vSphere backend when vCenter misbehaves: away at start, away mid-run, slow, or refusing the
 * credentials. The agent keeps electing and answering (its state machines never wait for vCenter)
 * and exits with status 2 only for refused credentials. The datastore is a local directory here, so
 * that it outlives the vcsim processes the tests stop.
 */
class VsphereAgentOutageTest {
    static final String ADDRESS = "127.0.5.20";

    @TempDir
    Path dir;
    List<HostId> hosts;
    ClusterConfig cluster;

    static List<String> flags(String... more) {
        List<String> flags = new ArrayList<>(List.of("-cluster", "1", "-host", "1", "-standalone-host", "0", "-vm", "2"));
        flags.addAll(List.of(more));
        return flags;
    }

    static Vcsim.Options options(String... more) {
        return Vcsim.Options.flags(flags(more).toArray(String[]::new)).listenOn(ADDRESS);
    }

    @BeforeEach
    void oneHostCluster() throws Exception {
        // vcsim builds the same inventory (same MOIDs) for the same flags
        try (Vcsim vcsim = VcsimCluster.start(options()); VsphereClient vc = VsphereClient.connect(vcsim.endpoint())) {
            hosts = VcsimCluster.hosts(vc).subList(0, 1);
        }
        cluster = VcsimCluster.cluster(hosts, Files.createDirectories(dir.resolve("datastores/LocalDS_0")).toString());
        ClusterConfigFiles.write(dir.resolve("cluster.json"), cluster);
    }

    private AgentConfig agent(Vcsim vcsim, String password, int readTimeoutMs) throws Exception {
        return VcsimCluster.agent(dir, hosts.get(0), 0, vcsim.sdkUrl(), vcsim.user(), password, readTimeoutMs);
    }

    @Test
    void vcenterAwayAtStartAndMidRunDoesNotStopTheAgent() throws Exception {
        int port = VcsimCluster.freeTcpPort(ADDRESS);
        Vcsim.Options atPort = options().listenOn(ADDRESS, port);
        AgentConfig agent;
        try (Vcsim vcsim = VcsimCluster.start(atPort)) {
            agent = agent(vcsim, vcsim.password(), 2000);
        }
        try (AgentRuntime runtime = AgentRuntime.start(agent, cluster)) {
            // Unreachable at start: the agent runs, elects itself, holds the lease, reports no VMs yet.
            VcsimCluster.waitFor("master without vCenter", 10_000, () -> runtime.status().role().equals("master"));
            VcsimCluster.waitFor("the lease without vCenter", 10_000, () -> runtime.status().datastores().get(0).heldByThisHost());
            assertThat(runtime.status().vms()).isEmpty();

            // vCenter comes up at its address: the connector's backoff reconnects and the VMs appear.
            try (Vcsim vcsim = VcsimCluster.start(atPort)) {
                VcsimCluster.waitFor("the VMs from vCenter", 10_000, () -> runtime.status().vms().size() == 2);
            }

            // vCenter away mid-run: the agent answers at once, stays master, keeps the last inventory.
            for (int i = 0; i < 10; i++) {
                long asked = System.nanoTime();
                AgentStatus s = runtime.status();
                // Far below the 2 s read timeout an agent thread blocked on vCenter would wait; wide
                // enough for a loaded 2-core machine.
                assertThat((System.nanoTime() - asked) / 1_000_000).isLessThan(1_000);
                assertThat(s.role()).isEqualTo("master");
                assertThat(s.vms()).hasSize(2);
                assertThat(s.datastores().get(0).heldByThisHost()).isTrue();
                Thread.sleep(100);
            }

            // Back again, restarted: the old session is gone, the client logs in again by itself.
            try (Vcsim again = VcsimCluster.start(atPort); VsphereClient vc = VsphereClient.connect(again.endpoint())) {
                vc.vms().powerOff(vc.inventory().readAll(VsphereAgentRestartTest.VM).get(0).ref(), 10_000);
                VcsimCluster.waitFor("the power-off seen after the outage", 10_000, () ->
                        runtime.status().vms().stream().filter(v -> v.power().equals("poweredOff")).count() == 1);
            }
        }
    }

    @Test
    void aSlowVcenterNeverHoldsUpTheAgentThreadAndLeavesNoThreadsBehind() throws Exception {
        // Every call answers after 1.5 s; the agent's read timeout is 300 ms.
        try (Vcsim slow = VcsimCluster.start(options("-delay", "1500"))) {
            AgentConfig agent = agent(slow, slow.password(), 300);
            long started = System.nanoTime();
            AgentRuntime runtime = AgentRuntime.start(agent, cluster);
            try {
                assertThat((System.nanoTime() - started) / 1_000_000).as("start-up waits for one bounded login attempt")
                        .isLessThan(3_000);
                VcsimCluster.waitFor("master with a slow vCenter", 10_000, () -> runtime.status().role().equals("master"));
                for (int i = 0; i < 10; i++) {
                    long asked = System.nanoTime();
                    assertThat(runtime.status().role()).isEqualTo("master");
                    // Far below the 2 s read timeout an agent thread blocked on vCenter would wait; wide
                // enough for a loaded 2-core machine.
                assertThat((System.nanoTime() - asked) / 1_000_000).isLessThan(1_000);
                    Thread.sleep(100);
                }
                assertThat(runtime.status().vms()).isEmpty(); // every read timed out
            } finally {
                runtime.close();
            }
        }
        VcsimCluster.waitFor("no hypervisor threads left", 5_000, () -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.isAlive() && t.getName().startsWith("hypervisor-") || t.getName().equals("admin-hypervisor")));
    }

    @Test
    void refusedCredentialsStopTheAgentWithStatus2() throws Exception {
        try (Vcsim vcsim = VcsimCluster.start(options().credentials("fdm", "right"))) {
            AgentConfig agent = agent(vcsim, "wrong", 2000);
            ConfigException e = catchThrowableOfType(ConfigException.class, () -> AgentRuntime.start(agent, cluster));
            assertThat(e).isNotNull();
            assertThat(e.field()).isEqualTo("agent.vsphere.user");
            assertThat(e.rule()).contains("refused the login of \"fdm\"").contains("InvalidLogin");

            // The real process: AgentMain prints the error and exits with status 2.
            Path agentJson = dir.resolve("agent.json");
            AgentConfigFiles.write(agentJson, agent);
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "io.openfdm.agent.runtime.AgentMain", agentJson.toString())
                    .redirectErrorStream(true).start();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as(output).isEqualTo(2);
            assertThat(output).contains("configuration error: agent.vsphere.user");
        }
    }
}
