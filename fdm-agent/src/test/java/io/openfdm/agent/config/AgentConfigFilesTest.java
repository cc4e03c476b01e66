package io.openfdm.agent.config;

import io.openfdm.core.config.ConfigException;
import io.openfdm.core.model.HostId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class AgentConfigFilesTest {
    private static final String VALID = """
            {"host": "host-1", "stateDir": "hosts/host-1/state", "clusterConfig": "/x/cluster.json",
             "admin": {"address": "127.0.0.11", "port": 8190}, "hypervisor": "simulated"}
            """;

    @TempDir
    Path dir;

    private Path file(String json) throws Exception {
        Path f = dir.resolve("agent.json");
        Files.writeString(f, json);
        return f;
    }

    private ConfigException error(String json) throws Exception {
        Path f = file(json);
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> AgentConfigFiles.read(f));
        assertThat(e).as("expected a ConfigException").isNotNull();
        return e;
    }

    @Test
    void readsAndResolvesRelativePaths() throws Exception {
        AgentConfig a = AgentConfigFiles.read(file(VALID));
        assertThat(a).isEqualTo(new AgentConfig(HostId.of("host-1"), dir.resolve("hosts/host-1/state"), Path.of("/x/cluster.json"),
                new InetSocketAddress(InetAddress.getByName("127.0.0.11"), 8190), "simulated"));
    }

    @Test
    void writeThenRead() throws Exception {
        AgentConfig a = new AgentConfig(HostId.of("host-2"), dir.resolve("s"), dir.resolve("cluster.json"),
                new InetSocketAddress(InetAddress.getByName("::1"), 8191), "simulated");
        Path f = dir.resolve("agent-2.json");
        AgentConfigFiles.write(f, a);
        assertThat(AgentConfigFiles.read(f)).isEqualTo(a);
    }

    @Test
    void nonLoopbackAdminAddressIsRefused() throws Exception {
        ConfigException e = error(VALID.replace("127.0.0.11", "10.0.0.5"));
        assertThat(e.field()).isEqualTo("agent.admin.address");
        assertThat(e.rule()).contains("loopback");
        assertThat(error(VALID.replace("127.0.0.11", "0.0.0.0")).field()).isEqualTo("agent.admin.address");
        assertThat(error(VALID.replace("127.0.0.11", "localhost")).field()).isEqualTo("agent.admin.address");
    }

    @Test
    void otherFields() throws Exception {
        assertThat(error(VALID.replace("\"host\": \"host-1\", ", "")).field()).isEqualTo("agent.host");
        assertThat(error(VALID.replace("8190", "0")).field()).isEqualTo("agent.admin.port");
        assertThat(error(VALID.replace("\"simulated\"", "\"xen\"")).field()).isEqualTo("agent.hypervisor");
        assertThat(error(VALID.replace("\"simulated\"", "\"vsphere\"")).field()).isEqualTo("agent.vsphere");
        assertThat(error(VALID.replace("\"stateDir\": \"hosts/host-1/state\", ", "")).field()).isEqualTo("agent.stateDir");
        assertThat(error(VALID.replace("\"port\": 8190", "\"port\": 8190, \"bind\": 1")).field()).isEqualTo("agent.admin.bind");
        assertThat(error("{\"host\": ").rule()).contains("not valid JSON at line 1");
    }

    @Test
    void hostMustBeAMember() throws Exception {
        AgentConfig a = AgentConfigFiles.read(file(VALID.replace("host-1", "host-9")));
        assertThatThrownBy(() -> a.requireMemberOf(ClusterFixtures.threeHosts()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("agent.host: host-9 is not a member of cluster c1");
        assertThat(AgentConfigFiles.read(file(VALID)).requireMemberOf(ClusterFixtures.threeHosts()).host()).isEqualTo(HostId.of("host-1"));
    }
}
