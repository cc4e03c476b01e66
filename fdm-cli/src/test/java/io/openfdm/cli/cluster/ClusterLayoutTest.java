package io.openfdm.cli.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.openfdm.agent.config.AgentConfig;
import io.openfdm.agent.config.AgentConfigFiles;
import io.openfdm.agent.config.ClusterConfigFiles;
import io.openfdm.cli.CliException;
import io.openfdm.core.config.ClusterConfig;
import io.openfdm.core.config.HostSpec;
import io.openfdm.core.model.PowerState;
import io.openfdm.core.model.VmInfo;
import io.openfdm.datastore.HaPaths;
import io.openfdm.datastore.json.FdmJson;
import io.openfdm.datastore.nio.NioDatastoreFiles;
import io.openfdm.hostd.sim.FilePowerStateStore;
import io.openfdm.hostd.sim.SimulatedHypervisor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code fdm cluster up}'s files, written without starting any process. */
class ClusterLayoutTest {
    @TempDir
    Path tmp;

    private LayoutPlan writeCluster() {
        LayoutPlan plan = LayoutPlan.of(tmp.resolve("c"), new LayoutSpec(3, 2, 7, "default", "127.0.0.11", "c1"),
                new SecureRandom());
        ClusterLayout.write(plan);
        return plan;
    }

    @Test
    void clusterJsonIsInTheAgentsFormatAndValidates() throws Exception {
        LayoutPlan plan = writeCluster();
        Path file = tmp.resolve("c/cluster.json");

        ClusterConfig read = ClusterConfigFiles.read(file);

        assertThat(read).isEqualTo(plan.config());
        JsonNode json = FdmJson.mapper().readTree(file.toFile());
        assertThat(json.get("clusterId").asText()).isEqualTo("c1");
        assertThat(json.get("version").asLong()).isEqualTo(1);
        assertThat(json.get("keyHex").asText()).hasSize(64);
        assertThat(json.get("heartbeatDatastoresPerHost").asInt()).isEqualTo(2);
        assertThat(json.get("timingProfile").asText()).isEqualTo("default");
        assertThat(json.get("datastores").get(1).get("path").asText()).isEqualTo(tmp.resolve("c/datastores/ds-2").toString());
        JsonNode h2 = json.get("hosts").get(1);
        assertThat(h2.get("moid").asText()).isEqualTo("host-2");
        assertThat(h2.get("address").asText()).isEqualTo("127.0.0.12");
        assertThat(h2.get("port").asInt()).isEqualTo(8182);
        assertThat(h2.get("datastores").toString()).isEqualTo("[\"ds-1\",\"ds-2\"]");
        assertThat(json.get("vmOverrides").size()).isZero();
    }

    @Test
    void eachHostHasAnAgentJsonWithItsStateDirAndLoopbackAdminEndpoint() {
        writeCluster();

        AgentConfig a = AgentConfigFiles.read(tmp.resolve("c/hosts/host-3/agent.json"));

        assertThat(a.host().moid()).isEqualTo("host-3");
        assertThat(a.stateDir()).isEqualTo(tmp.resolve("c/hosts/host-3/state"));
        assertThat(a.stateDir()).isDirectory();
        assertThat(a.clusterConfigFile()).isEqualTo(tmp.resolve("c/cluster.json"));
        assertThat(a.admin()).isEqualTo(new InetSocketAddress("127.0.0.13", 8190));
        assertThat(a.hypervisor()).isEqualTo("simulated");
        LocalClusterDir dir = LocalClusterDir.open(tmp.resolve("c"));
        assertThat(dir.hosts()).extracting(LocalHost::moid).containsExactly("host-1", "host-2", "host-3");
        assertThat(dir.host("host-2").admin()).isEqualTo(new InetSocketAddress("127.0.0.12", 8190));
        assertThat(dir.host("host-2").tokenFile()).isEqualTo(tmp.resolve("c/hosts/host-2/state/admin.token"));
    }

    @Test
    void vmConfigurationsLiveOnTheirHomeDatastoreRegisteredOnTheirHost() throws Exception {
        LayoutPlan plan = writeCluster();

        for (LayoutPlan.PlannedVm vm : plan.vms()) {
            Path file = tmp.resolve("c/datastores").resolve(vm.datastore()).resolve(HaPaths.vmConfig(vm.id()));
            assertThat(file).isRegularFile();
            JsonNode json = FdmJson.mapper().readTree(file.toFile());
            assertThat(json.get("registeredHost").asText()).as(vm.id().moid()).isEqualTo(vm.host().moid());
            assertThat(json.get("name").asText()).isEqualTo(vm.name());
        }
        assertThat(tmp.resolve("c/datastores/ds-2").resolve(HaPaths.vmConfig(plan.vms().get(1).id()))).exists();
    }

    @Test
    void powerStateFilesBootEachHostsVmsPoweredOn() {
        LayoutPlan plan = writeCluster();
        Map<String, Path> roots = new LinkedHashMap<>();
        plan.config().datastores().forEach(d -> roots.put(d.name(), Path.of(d.path())));
        NioDatastoreFiles files = new NioDatastoreFiles(roots);

        for (HostSpec h : plan.config().hosts()) {
            Path powerState = tmp.resolve("c/hosts").resolve(h.id().moid()).resolve("state/powerstate");
            assertThat(powerState).isRegularFile();
            SimulatedHypervisor hv = SimulatedHypervisor.boot(h.id(), files, h::datastores, new FilePowerStateStore(powerState));

            assertThat(hv.bootReport().powerRestored()).as(h.id().moid()).isTrue();
            assertThat(hv.listVms()).extracting(VmInfo::id)
                    .containsExactlyInAnyOrderElementsOf(plan.vmsOn(h.id()).stream().map(LayoutPlan.PlannedVm::id).toList());
            assertThat(hv.listVms()).extracting(VmInfo::power).containsOnly(PowerState.POWERED_ON);
        }
        assertThat(plan.vmsOn(plan.config().hosts().get(0).id())).hasSize(3);
    }

    @Test
    void refusesANonEmptyDirectoryAndChangesNothing() throws Exception {
        Path dir = tmp.resolve("busy");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("keep.txt"), "mine");
        LayoutPlan plan = LayoutPlan.of(dir, new LayoutSpec(2, 1, 2, "default", "127.0.0.11", "c1"), new SecureRandom());

        assertThatThrownBy(() -> ClusterLayout.write(plan)).isInstanceOfSatisfying(CliException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(2);
            assertThat(e.getMessage()).contains("is not empty");
        });
        try (var entries = Files.list(dir)) {
            assertThat(entries).containsExactly(dir.resolve("keep.txt"));
        }
        assertThat(Files.readString(dir.resolve("keep.txt"))).isEqualTo("mine");
    }

    @Test
    void aWrittenButNeverStartedClusterReportsItsProcessesAsNotStarted() {
        writeCluster();
        LocalCluster cluster = LocalCluster.open(tmp.resolve("c"));

        assertThat(cluster.running()).isEmpty();
        assertThat(cluster.dir().hosts()).allSatisfy(h ->
                assertThat(cluster.processes().state(h)).isEqualTo(ProcessState.NOT_STARTED));
        assertThat(cluster.targets().links()).isEmpty();
        assertThat(cluster.targets().skipped()).containsEntry("host-1", "not started");
    }
}
