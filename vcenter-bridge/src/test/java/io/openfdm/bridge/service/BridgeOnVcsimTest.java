package io.openfdm.bridge.service;

import io.openfdm.agent.config.AgentConfig;
import io.openfdm.agent.config.AgentConfigFiles;
import io.openfdm.agent.config.ClusterConfigFiles;
import io.openfdm.agent.runtime.AgentRuntime;
import io.openfdm.bridge.agents.AgentVsphere;
import io.openfdm.bridge.api.BridgeException;
import io.openfdm.bridge.api.ClusterStatus;
import io.openfdm.bridge.api.ClusterSummary;
import io.openfdm.bridge.api.HaSettings;
import io.openfdm.bridge.config.AgentAddress;
import io.openfdm.bridge.config.AgentAddresses;
import io.openfdm.bridge.inventory.Inventory;
import io.openfdm.bridge.inventory.VmRecord;
import io.openfdm.bridge.runtime.BridgeOptions;
import io.openfdm.bridge.runtime.BridgeRuntime;
import io.openfdm.bridge.vcenter.VcsimFixture;
import io.openfdm.bridge.vcenter.VsphereVcenter;
import io.openfdm.core.config.ClusterConfig;
import io.openfdm.core.config.HaPolicy;
import io.openfdm.core.config.IsolationResponse;
import io.openfdm.core.config.VmOverride;
import io.openfdm.core.model.RestartPriority;
import io.openfdm.core.model.VmId;
import io.openfdm.vsphere.MoRef;
import io.openfdm.vsphere.VsphereClient;
import io.openfdm.vsphere.vcsim.Vcsim;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The bridge end to end on vcsim (1 cluster, 4 hosts, 2 datastores, 4 VMs) with four real agents
 * in this JVM on 127.0.3.11-14: enable HA, a dasVmConfig priority change in vCenter reaching the
 * running agents as a new version, status back from the agents, disable HA, and vCenter going away
 * while the agents keep their configuration.
 */
class BridgeOnVcsimTest {
    @TempDir
    Path dir;

    private Vcsim vcsim;
    private BridgeRuntime bridge;
    private final List<AgentRuntime> agents = new ArrayList<>();

    @AfterEach
    void stop() {
        agents.forEach(AgentRuntime::close);
        if (bridge != null) {
            bridge.close();
        }
        if (vcsim != null) {
            vcsim.close();
        }
    }

    /** A port free for TCP and UDP on all four agent addresses. */
    static int freeAgentPort() throws Exception {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.3.11"))) {
                port = s.getLocalPort();
            }
            boolean free = true;
            for (int i = 11; i <= 14 && free; i++) {
                try (ServerSocket t = new ServerSocket(port, 1, java.net.InetAddress.getByName("127.0.3." + i));
                     DatagramSocket u = new DatagramSocket(new InetSocketAddress("127.0.3." + i, port))) {
                    free = t.getLocalPort() == port && u.getLocalPort() == port;
                } catch (java.io.IOException e) {
                    free = false;
                }
            }
            if (free) {
                return port;
            }
        }
        throw new IllegalStateException("no free agent port on 127.0.3.11-14");
    }

    private Map<String, AgentAddress> agentAddresses(Inventory inv, int port) {
        Map<String, AgentAddress> out = new LinkedHashMap<>();
        int i = 11;
        for (var h : inv.hostsOf(inv.clusters().get(0))) {
            out.put(h.moid(), new AgentAddress("127.0.3." + i++, port));
        }
        return out;
    }

    /** Agents on the vSphere hypervisor: they read their VMs from vcsim, so the master protects them. */
    private BridgeRuntime startBridge(Map<String, AgentAddress> addresses) throws java.io.IOException {
        Path password = Files.writeString(dir.resolve("vcenter-password"), vcsim.password() + "\n");
        return BridgeRuntime.start(new BridgeOptions(dir.resolve("bridge-state"), dir.resolve("agents"),
                new InetSocketAddress("127.0.3.1", 0), false, new AgentAddresses(addresses), "vsphere",
                new AgentVsphere(vcsim.sdkUrl(), vcsim.user(), password, true), 1_500),
                VsphereVcenter.connector(vcsim.endpoint()));
    }

    private static ClusterConfig configOf(AgentRuntime a) {
        return a.config();
    }

    @Test
    void enableHaPushAPriorityChangeReadStatusAndDisable() throws Exception {
        vcsim = VcsimFixture.start("-cluster", "1", "-host", "4", "-ds", "2", "-vm", "4");
        Inventory inv;
        try (var s = VsphereVcenter.connector(vcsim.endpoint()).connect()) {
            inv = s.readInventory();
        }
        String cluster = inv.clusters().get(0).moid();
        bridge = startBridge(agentAddresses(inv, freeAgentPort()));
        VcenterBridge service = bridge.service();
        assertThat(bridge.sync().awaitFirstRead(10_000)).isTrue();
        assertThat(service.clusters()).extracting(ClusterSummary::moid, ClusterSummary::hosts, ClusterSummary::vms,
                ClusterSummary::haEnabled).containsExactly(org.assertj.core.groups.Tuple.tuple(cluster, 4, 4, false));

        service.updateSettings(cluster, new HaSettings(true, "medium", "none", true, 2, "aggressive"));
        ClusterSummary enabled = service.enableHa(cluster);
        assertThat(enabled.haEnabled()).isTrue();
        assertThat(enabled.clusterId()).matches("[0-9a-f]{8}-\\d+-[0-9a-f]{8}");
        assertThat(enabled.configVersion()).isEqualTo(1);
        assertThat(service.enableHa(cluster)).as("enabling an enabled cluster changes nothing").isEqualTo(enabled);

        // deploy/ starts the agents from the files the bridge wrote
        Path clusterFile = dir.resolve("agents").resolve(cluster).resolve("cluster.json");
        ClusterConfig v1 = ClusterConfigFiles.read(clusterFile);
        assertThat(v1.hosts()).hasSize(4);
        assertThat(v1.datastores()).extracting(d -> d.name()).containsExactly("LocalDS_0", "LocalDS_1");
        assertThat(v1.vmOverrides()).hasSize(4).allMatch(VmOverride::protect);
        for (var h : v1.hosts()) {
            AgentConfig agent = AgentConfigFiles.read(dir.resolve("agents").resolve(cluster).resolve("hosts")
                    .resolve(h.id().moid()).resolve("agent.json"));
            agents.add(AgentRuntime.start(agent, v1));
        }

        // a priority change in vCenter's dasVmConfig reaches every running agent as version 2
        VmRecord vm = inv.vmsOf(inv.clusters().get(0)).get(0);
        service.setRestartPriority(cluster, vm.moid(), "high");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            for (AgentRuntime a : agents) {
                assertThat(configOf(a).version()).isEqualTo(2);
                assertThat(configOf(a).override(VmId.of(vm.moid())).map(VmOverride::priority)).contains(RestartPriority.HIGH);
            }
        });
        assertThat(ClusterConfigFiles.read(clusterFile).version()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(5)).until(() -> service.pushStates(cluster).stream().allMatch(s -> s.ackedVersion() >= 2));

        // status comes back from the agents: a master, every host's state, the priority, events
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            ClusterStatus st = service.status(cluster);
            assertThat(st.vcenterConnected()).isTrue();
            assertThat(st.master()).isNotEmpty();
            assertThat(st.hosts()).hasSize(4).allMatch(h -> !h.state().equals("unknown"));
            assertThat(st.hosts()).filteredOn(h -> h.state().equals("master")).hasSize(1);
            assertThat(st.events()).isNotEmpty();
            assertThat(st.vms()).filteredOn(v -> v.moid().equals(vm.moid())).singleElement()
                    .satisfies(v -> assertThat(v.priority()).isEqualTo("high"));
            assertThat(st.vms()).as("the master protects every powered-on VM vCenter shows").hasSize(4)
                    .allMatch(ClusterStatus.VmRow::protectedByHa);
        });

        // an unchanged inventory does not make a new version
        bridge.service().onInventory(bridge.service().inventory().orElseThrow());
        assertThat(service.clusters().get(0).configVersion()).isEqualTo(2);

        // a change made in vCenter by someone else arrives through WaitForUpdatesEx: a VM leaves
        VmRecord gone = inv.vmsOf(inv.clusters().get(0)).get(3);
        try (VsphereClient other = VsphereClient.connect(vcsim.endpoint())) {
            other.vms().powerOff(MoRef.vm(gone.moid()), 10_000);
            // vcsim drops a leave that arrives in the same 250 ms batch as a change of the same VM,
            // so let the bridge see the power-off first
            await().atMost(Duration.ofSeconds(10)).until(() -> service.inventory().orElseThrow().vms().stream()
                    .anyMatch(v -> v.moid().equals(gone.moid()) && !v.poweredOn()));
            other.vms().unregister(MoRef.vm(gone.moid()));
        }
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            for (AgentRuntime a : agents) {
                assertThat(configOf(a).version()).isEqualTo(3);
                assertThat(configOf(a).vmOverrides()).hasSize(3).noneMatch(o -> o.vm().moid().equals(gone.moid()));
            }
        });

        // an HA settings change (stored by the bridge) reaches the agents as a new version with the policy
        service.updateSettings(cluster, new HaSettings(true, "medium", "powerOff", false, 2, "aggressive"));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            for (AgentRuntime a : agents) {
                assertThat(configOf(a).version()).isEqualTo(4);
                assertThat(configOf(a).haPolicy()).isEqualTo(new HaPolicy(true, IsolationResponse.POWER_OFF, false));
            }
        });

        ClusterSummary disabled = service.disableHa(cluster);
        assertThat(disabled.haEnabled()).isFalse();
        assertThat(disabled.configVersion()).isEqualTo(5);
        assertThat(disabled.clusterId()).isEqualTo(enabled.clusterId());
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            for (AgentRuntime a : agents) {
                assertThat(configOf(a).version()).isEqualTo(5);
                assertThat(configOf(a).vmOverrides()).hasSize(3).noneMatch(VmOverride::protect);
            }
        });

        // vCenter goes away: the bridge says so, the agents keep their configuration
        vcsim.close();
        await().atMost(Duration.ofSeconds(40)).until(() -> !service.vcenterConnected());
        assertThat(service.status(cluster).vcenterConnected()).isFalse();
        assertThatThrownBy(() -> service.setRestartPriority(cluster, vm.moid(), "low"))
                .isInstanceOfSatisfying(BridgeException.class, e -> assertThat(e.kind()).isEqualTo(BridgeException.Kind.UNAVAILABLE));
        Thread.sleep(500);
        assertThat(agents).allMatch(a -> a.config().version() == 5);
        assertThat(Files.exists(clusterFile)).isTrue();
    }
}
