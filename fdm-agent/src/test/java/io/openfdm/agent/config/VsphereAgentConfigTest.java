package io.openfdm.agent.config;

import io.openfdm.core.config.ConfigException;
import io.openfdm.core.model.HostId;
import io.openfdm.hostd.vsphere.PowerOnMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The "vsphere" section of agent.json: defaults, resolution, and a field-naming error for each rule. */
class VsphereAgentConfigTest {
    private static final String VALID = """
            {"host": "host-21", "stateDir": "state", "clusterConfig": "cluster.json",
             "admin": {"address": "127.0.5.11", "port": 8190}, "hypervisor": "vsphere",
             "vsphere": {"url": "https://127.0.0.1:8989/sdk", "user": "fdm", "passwordFile": "vc.password",
                         "insecure": true}}
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
        assertThat(e).as("expected a ConfigException for " + json).isNotNull();
        return e;
    }

    @Test
    void defaultsAndRelativePaths() throws Exception {
        AgentConfig a = AgentConfigFiles.read(file(VALID));
        VsphereSettings v = a.vsphere();
        assertThat(a.hypervisor()).isEqualTo("vsphere");
        assertThat(v.url()).isEqualTo(URI.create("https://127.0.0.1:8989/sdk"));
        assertThat(v.user()).isEqualTo("fdm");
        assertThat(v.passwordFile()).isEqualTo(dir.resolve("vc.password"));
        assertThat(v.insecure()).isTrue();
        assertThat(v.host()).isEqualTo(HostId.of("host-21"));
        assertThat(v.powerOnMode()).isEqualTo(PowerOnMode.AUTO);
        assertThat(v.datastorePaths()).isEmpty();
        assertThat(v.connectTimeoutMs()).isEqualTo(VsphereSettings.DEFAULT_CONNECT_TIMEOUT_MS);
        assertThat(v.readTimeoutMs()).isEqualTo(VsphereSettings.DEFAULT_READ_TIMEOUT_MS);
        assertThat(v.taskTimeoutMs()).isEqualTo(VsphereSettings.DEFAULT_TASK_TIMEOUT_MS);
        assertThat(v.inventoryIntervalMs()).isEqualTo(VsphereSettings.DEFAULT_INVENTORY_INTERVAL_MS);
    }

    @Test
    void everyFieldSetAndWrittenBack() throws Exception {
        AgentConfig a = AgentConfigFiles.read(file(VALID.replace("\"insecure\": true", """
                "insecure": false, "hostMoid": "host-99", "powerOnMode": "host-argument",
                "datastorePaths": {"LocalDS_0": "ds0", "nfs": "/mnt/nfs"}, "connectTimeoutMs": 100,
                "readTimeoutMs": 200, "taskTimeoutMs": 300, "inventoryIntervalMs": 400""")));
        VsphereSettings v = a.vsphere();
        assertThat(v.host()).isEqualTo(HostId.of("host-99"));
        assertThat(v.powerOnMode()).isEqualTo(PowerOnMode.HOST_ARGUMENT);
        assertThat(v.datastorePaths()).isEqualTo(Map.of("LocalDS_0", dir.resolve("ds0"), "nfs", Path.of("/mnt/nfs")));
        assertThat(v.connectTimeoutMs()).isEqualTo(100);
        assertThat(v.readTimeoutMs()).isEqualTo(200);
        assertThat(v.taskTimeoutMs()).isEqualTo(300);
        assertThat(v.inventoryIntervalMs()).isEqualTo(400);

        Path copy = dir.resolve("copy.json");
        AgentConfigFiles.write(copy, a);
        assertThat(AgentConfigFiles.read(copy)).isEqualTo(a);
    }

    @Test
    void eachRuleNamesItsField() throws Exception {
        assertThat(error(VALID.replace("\"url\": \"https://127.0.0.1:8989/sdk\", ", "")).field()).isEqualTo("agent.vsphere.url");
        assertThat(error(VALID.replace("https://127.0.0.1:8989/sdk", "ftp://vc/sdk")).field()).isEqualTo("agent.vsphere.url");
        assertThat(error(VALID.replace("\"user\": \"fdm\", ", "")).field()).isEqualTo("agent.vsphere.user");
        assertThat(error(VALID.replace("\"passwordFile\": \"vc.password\",", "")).field()).isEqualTo("agent.vsphere.passwordFile");
        assertThat(error(VALID.replace("\"insecure\": true", "\"powerOnMode\": \"teleport\"")))
                .satisfies(e -> {
                    assertThat(e.field()).isEqualTo("agent.vsphere.powerOnMode");
                    assertThat(e.rule()).contains("auto, host-argument, relocate");
                });
        assertThat(error(VALID.replace("\"insecure\": true", "\"taskTimeoutMs\": 0")).field())
                .isEqualTo("agent.vsphere.taskTimeoutMs");
        assertThat(error(VALID.replace("\"insecure\": true", "\"hostMoid\": \" \"")).field()).isEqualTo("agent.vsphere.hostMoid");
        assertThat(error(VALID.replace("\"insecure\": true", "\"password\": \"x\"")).field()).isEqualTo("agent.vsphere.password");
        assertThat(error(VALID.replace("\"insecure\": true", "\"insecure\": \"yes\"")).field()).isEqualTo("agent.vsphere.insecure");
        assertThat(error(VALID.replace("\"hypervisor\": \"vsphere\"", "\"hypervisor\": \"simulated\"")).field())
                .isEqualTo("agent.vsphere");
    }

    @Test
    void passwordIsTheFirstLineOfItsFile() throws Exception {
        VsphereSettings v = AgentConfigFiles.read(file(VALID)).vsphere();
        assertThat(catchThrowableOfType(ConfigException.class, v::readPassword).field()).isEqualTo("agent.vsphere.passwordFile");
        Files.writeString(dir.resolve("vc.password"), "");
        assertThat(catchThrowableOfType(ConfigException.class, v::readPassword).rule()).startsWith("is empty");
        Files.writeString(dir.resolve("vc.password"), "s3cret\n");
        assertThat(v.readPassword()).isEqualTo("s3cret");
    }
}
