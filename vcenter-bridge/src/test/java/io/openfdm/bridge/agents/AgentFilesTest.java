package io.openfdm.bridge.agents;

import io.openfdm.agent.config.AgentConfig;
import io.openfdm.agent.config.AgentConfigFiles;
import io.openfdm.agent.config.ClusterConfigFiles;
import io.openfdm.core.config.ClusterConfig;
import io.openfdm.core.config.DatastoreSpec;
import io.openfdm.core.config.HostSpec;
import io.openfdm.core.config.Timing;
import io.openfdm.core.model.HostId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The files deploy/ starts agents from, read back with the agent's own readers. */
class AgentFilesTest {
    @TempDir
    Path dir;

    private static ClusterConfig config() {
        return new ClusterConfig("c-7-12345678", 3, "ab".repeat(32),
                List.of(new HostSpec(HostId.of("host-21"), "127.0.0.11", 8182, List.of("ds"), 1000, 1000),
                        new HostSpec(HostId.of("host-22"), "10.0.0.22", 8182, List.of("ds"), 1000, 1000)),
                List.of(new DatastoreSpec("ds", "/tmp/ds")), List.of(), 2, Timing.defaults()).validate();
    }

    @Test
    void writesTheClusterFileAndOneAgentFilePerHost() {
        AgentFiles files = new AgentFiles(dir, "simulated", null);
        files.write("domain-c7", config());
        assertThat(ClusterConfigFiles.read(files.clusterFile("domain-c7"))).isEqualTo(config());
        AgentConfig a21 = AgentConfigFiles.read(files.agentFile("domain-c7", "host-21")).requireMemberOf(config());
        assertThat(a21.admin()).as("a loopback agent's admin is on its own address")
                .isEqualTo(new InetSocketAddress("127.0.0.11", AgentFiles.ADMIN_PORT));
        assertThat(a21.clusterConfigFile()).isEqualTo(files.clusterFile("domain-c7"));
        assertThat(a21.stateDir()).isEqualTo(dir.resolve("domain-c7/hosts/host-21/state"));
        AgentConfig a22 = AgentConfigFiles.read(files.agentFile("domain-c7", "host-22"));
        assertThat(a22.admin().getAddress().isLoopbackAddress()).as("the admin endpoint is never exposed").isTrue();
    }

    @Test
    void vsphereAgentsGetTheConnectionWithTheirOwnHost() throws Exception {
        Path pw = Files.writeString(dir.resolve("pw"), "secret\n");
        AgentFiles files = new AgentFiles(dir, "vsphere", new AgentVsphere(URI.create("https://127.0.0.1:8989/sdk"), "fdm", pw, true));
        files.write("domain-c7", config());
        AgentConfig a22 = AgentConfigFiles.read(files.agentFile("domain-c7", "host-22"));
        assertThat(a22.hypervisor()).isEqualTo("vsphere");
        assertThat(a22.vsphere().host()).isEqualTo(HostId.of("host-22"));
        assertThat(a22.vsphere().url()).isEqualTo(URI.create("https://127.0.0.1:8989/sdk"));
        assertThat(a22.vsphere().insecure()).isTrue();
        assertThat(a22.vsphere().readPassword()).isEqualTo("secret");
        assertThat(Files.readString(files.agentFile("domain-c7", "host-22"))).doesNotContain("secret\"");
    }

    @Test
    void anUnknownHypervisorIsRefused() {
        assertThatThrownBy(() -> new AgentFiles(dir, "kvm", null)).hasMessageContaining("--agent-hypervisor");
        assertThatThrownBy(() -> new AgentFiles(dir, "vsphere", null)).hasMessageContaining("needs the vCenter connection");
    }
}
