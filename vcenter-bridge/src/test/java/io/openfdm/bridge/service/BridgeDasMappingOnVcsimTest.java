package io.openfdm.bridge.service;

import com.vmware.vim25.ArrayUpdateOperation;
import com.vmware.vim25.ClusterConfigSpecEx;
import com.vmware.vim25.ClusterDasConfigInfo;
import com.vmware.vim25.ClusterDasVmConfigInfo;
import com.vmware.vim25.ClusterDasVmConfigSpec;
import com.vmware.vim25.ClusterDasVmSettings;
import com.vmware.vim25.ClusterFailoverResourcesAdmissionControlPolicy;
import com.vmware.vim25.ClusterVmToolsMonitoringSettings;
import com.vmware.vim25.ManagedObjectReference;
import com.vmware.vim25.OptionValue;
import io.openfdm.agent.config.AgentConfig;
import io.openfdm.agent.config.AgentConfigFiles;
import io.openfdm.agent.config.ClusterConfigFiles;
import io.openfdm.agent.runtime.AgentRuntime;
import io.openfdm.bridge.api.HaSettings;
import io.openfdm.bridge.config.AgentAddress;
import io.openfdm.bridge.config.AgentAddresses;
import io.openfdm.bridge.inventory.Inventory;
import io.openfdm.bridge.inventory.VmRecord;
import io.openfdm.bridge.runtime.BridgeOptions;
import io.openfdm.bridge.runtime.BridgeRuntime;
import io.openfdm.bridge.vcenter.VsphereVcenter;
import io.openfdm.core.config.ClusterConfig;
import io.openfdm.core.config.HaPolicy;
import io.openfdm.core.config.HostSpec;
import io.openfdm.core.config.VmMonitoringPolicy;
import io.openfdm.core.model.HostId;
import io.openfdm.core.model.HostMode;
import io.openfdm.core.model.VmId;
import io.openfdm.vsphere.MoRef;
import io.openfdm.vsphere.VsphereClient;
import io.openfdm.vsphere.soap.Session;
import io.openfdm.vsphere.vcsim.Vcsim;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.DatagramSocket;
import java.net.InetAddress;
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
import static org.awaitility.Awaitility.await;

/**
 * vCenter's HA settings reaching the agents through the bridge, on vcsim (1 cluster, 3 hosts) with
 * three real agents in this JVM on 127.0.11.11-13:
 * <ul>
 *   <li>a cluster {@code dasConfig} written with {@code ReconfigureComputeResource_Task}: vcsim
 *       (govmomi 0.24) ignores it and reads back an empty {@code dasConfig}, so the bridge keeps
 *       using its stored settings; the mapping of each {@code dasConfig} field is covered over
 *       yavijava objects ({@code DasConfigMappingTest}, {@code ConfigBuilderDasConfigTest});</li>
 *   <li>a VM's own {@code vmToolsMonitoringSettings} added through {@code dasVmConfigSpec} (vcsim
 *       keeps it): pushed as that VM's {@code vmMonitoring} override;</li>
 *   <li>{@code EnterMaintenanceMode_Task} on a host: the pushed configuration gives the host
 *       {@code mode: maintenance} and its agent enters maintenance mode; {@code ExitMaintenanceMode_Task}
 *       brings it back to normal. (vcsim sets {@code runtime.inMaintenanceMode} without reporting it
 *       through {@code WaitForUpdatesEx}, so the test has the bridge read the inventory again, as
 *       it does after a {@code dasVmConfig} change.)</li>
 * </ul>
 * vcsim has no {@code PowerDownHostToStandBy_Task}; standby ({@code runtime.powerState = standBy})
 * is covered by {@code HostModeMappingTest} and {@code ConfigBuilderDasConfigTest}.
 */
class BridgeDasMappingOnVcsimTest {
    private static final String NET = "127.0.11.";

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

    private static int freeAgentPort() throws Exception {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(NET + "11"))) {
                port = s.getLocalPort();
            }
            boolean free = true;
            for (int i = 11; i <= 13 && free; i++) {
                try (ServerSocket t = new ServerSocket(port, 1, InetAddress.getByName(NET + i));
                     DatagramSocket u = new DatagramSocket(new InetSocketAddress(NET + i, port))) {
                    free = t.getLocalPort() == port && u.getLocalPort() == port;
                } catch (java.io.IOException e) {
                    free = false;
                }
            }
            if (free) {
                return port;
            }
        }
        throw new IllegalStateException("no free agent port on " + NET + "11-13");
    }

    @Test
    void perVmMonitoringAndMaintenanceModeFromVcenterReachTheAgents() throws Exception {
        vcsim = io.openfdm.vsphere.VcsimFixture.start(Vcsim.Options.flags("-cluster", "1", "-host", "3", "-ds", "1", "-vm", "2")
                .listenOn(NET + "1"));
        Inventory inv;
        try (var s = VsphereVcenter.connector(vcsim.endpoint()).connect()) {
            inv = s.readInventory();
        }
        String cluster = inv.clusters().get(0).moid();
        int port = freeAgentPort();
        Map<String, AgentAddress> addresses = new LinkedHashMap<>();
        int i = 11;
        for (var h : inv.hostsOf(inv.clusters().get(0))) {
            addresses.put(h.moid(), new AgentAddress(NET + i++, port));
        }
        Path password = Files.writeString(dir.resolve("vcenter-password"), vcsim.password() + "\n");
        bridge = BridgeRuntime.start(new BridgeOptions(dir.resolve("bridge-state"), dir.resolve("agents"),
                new InetSocketAddress(NET + "1", 0), false, new AgentAddresses(addresses), "simulated", null, 1_500),
                VsphereVcenter.connector(vcsim.endpoint()));
        VcenterBridge service = bridge.service();
        assertThat(bridge.sync().awaitFirstRead(10_000)).isTrue();
        service.updateSettings(cluster, new HaSettings(true, "medium", "none", true, 2, "aggressive"));
        service.enableHa(cluster);

        Path clusterFile = dir.resolve("agents").resolve(cluster).resolve("cluster.json");
        ClusterConfig v1 = ClusterConfigFiles.read(clusterFile);
        assertThat(v1.hosts()).hasSize(3).allSatisfy(h -> assertThat(h.mode()).isEqualTo(HostMode.NORMAL));
        for (HostSpec h : v1.hosts()) {
            AgentConfig agent = AgentConfigFiles.read(dir.resolve("agents").resolve(cluster).resolve("hosts")
                    .resolve(h.id().moid()).resolve("agent.json"));
            agents.add(AgentRuntime.start(agent, v1));
        }

        ManagedObjectReference clusterRef = Session.mor("ClusterComputeResource", cluster);
        VmRecord vm = inv.vmsOf(inv.clusters().get(0)).get(0);
        try (VsphereClient admin = VsphereClient.connect(vcsim.endpoint())) {
            // 1. the cluster's dasConfig: vcsim accepts the task and keeps nothing
            ClusterDasConfigInfo das = new ClusterDasConfigInfo();
            das.setVmMonitoring("vmMonitoringOnly");
            das.setHostMonitoring("disabled");
            OptionValue address = new OptionValue();
            address.setKey("das.isolationaddress0");
            address.setValue("10.0.0.254");
            das.setOption(new OptionValue[] {address});
            ClusterFailoverResourcesAdmissionControlPolicy percent = new ClusterFailoverResourcesAdmissionControlPolicy();
            percent.setCpuFailoverResourcesPercent(25);
            percent.setMemoryFailoverResourcesPercent(25);
            das.setAdmissionControlPolicy(percent);
            ClusterConfigSpecEx dasSpec = new ClusterConfigSpecEx();
            dasSpec.setDasConfig(das);
            reconfigure(admin, clusterRef, dasSpec);
            service.refreshFrom(bridge.sync().session().orElseThrow());
            Inventory after = service.inventory().orElseThrow();
            assertThat(after.cluster(cluster).orElseThrow().dasConfig()).as("vcsim keeps no dasConfig")
                    .doesNotContainKeys("vmMonitoring", "hostMonitoring", "option", "admissionControlPolicy");
            assertThat(service.config(cluster).orElseThrow().haPolicy()).as("so the stored settings stay in force")
                    .isEqualTo(HaPolicy.defaults());

            // 2. a VM's own VM monitoring (vcsim keeps dasVmConfig added whole)
            ClusterVmToolsMonitoringSettings tools = new ClusterVmToolsMonitoringSettings();
            tools.setClusterSettings(false);
            tools.setVmMonitoring("vmMonitoringOnly");
            tools.setFailureInterval(60);
            tools.setMinUpTime(90);
            tools.setMaxFailures(2);
            tools.setMaxFailureWindow(3600);
            ClusterDasVmSettings settings = new ClusterDasVmSettings();
            settings.setVmToolsMonitoringSettings(tools);
            ClusterDasVmConfigInfo info = new ClusterDasVmConfigInfo();
            info.setKey(Session.mor(MoRef.vm(vm.moid())));
            info.setDasSettings(settings);
            ClusterDasVmConfigSpec item = new ClusterDasVmConfigSpec();
            item.setOperation(ArrayUpdateOperation.add);
            item.setInfo(info);
            ClusterConfigSpecEx vmSpec = new ClusterConfigSpecEx();
            vmSpec.setDasVmConfigSpec(new ClusterDasVmConfigSpec[] {item});
            reconfigure(admin, clusterRef, vmSpec);
            // vcsim changes configurationEx in place without telling WaitForUpdatesEx: read again
            service.refreshFrom(bridge.sync().session().orElseThrow());
            VmMonitoringPolicy own = new VmMonitoringPolicy(true, 60_000, 90_000, 2, 3_600_000);
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                for (AgentRuntime a : agents) {
                    assertThat(a.config().override(VmId.of(vm.moid())).orElseThrow().vmMonitoring()).isEqualTo(own);
                }
            });
            long withMonitoring = agents.get(0).config().version();

            // 3. a host enters maintenance mode in vCenter. The bridge watches runtime.inMaintenanceMode
            // with WaitForUpdatesEx, but vcsim sets the flag in place without reporting it: read again.
            HostSpec target = v1.hosts().get(1);
            ManagedObjectReference task = admin.session().call("EnterMaintenanceMode_Task", (v, sc) ->
                    v.enterMaintenanceMode_Task(Session.mor("HostSystem", target.id().moid()), 30, false, null));
            admin.tasks().await(Session.moRef(task), "EnterMaintenanceMode_Task", 30_000);
            service.refreshFrom(bridge.sync().session().orElseThrow());
            AgentRuntime targetAgent = agents.get(1);
            assertThat(targetAgent.config().host(target.id())).isPresent();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                for (AgentRuntime a : agents) {
                    assertThat(a.config().version()).isGreaterThan(withMonitoring);
                    assertThat(a.config().host(target.id()).orElseThrow().mode()).isEqualTo(HostMode.MAINTENANCE);
                }
                assertThat(targetAgent.status().hosts()).filteredOn(h -> h.host().equals(target.id().moid()))
                        .singleElement().satisfies(h -> assertThat(h.mode()).isEqualTo("maintenance"));
            });
            // no master on a host in maintenance: the others elect one of themselves
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(agents).filteredOn(a ->
                    a.status().role().equals("master")).singleElement().satisfies(a ->
                    assertThat(a).isNotSameAs(targetAgent)));

            // 4. and exits it
            ManagedObjectReference exit = admin.session().call("ExitMaintenanceMode_Task", (v, sc) ->
                    v.exitMaintenanceMode_Task(Session.mor("HostSystem", target.id().moid()), 30));
            admin.tasks().await(Session.moRef(exit), "ExitMaintenanceMode_Task", 30_000);
            service.refreshFrom(bridge.sync().session().orElseThrow());
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(targetAgent.config().host(target.id()).orElseThrow().mode()).isEqualTo(HostMode.NORMAL);
                assertThat(targetAgent.status().hosts()).filteredOn(h -> h.host().equals(target.id().moid()))
                        .singleElement().satisfies(h -> assertThat(h.mode()).isEqualTo("normal"));
            });
        }
    }

    private static void reconfigure(VsphereClient admin, ManagedObjectReference cluster, ClusterConfigSpecEx spec) {
        ManagedObjectReference task = admin.session().call("ReconfigureComputeResource_Task", (v, sc) ->
                v.reconfigureComputeResource_Task(cluster, spec, true));
        admin.tasks().await(Session.moRef(task), "ReconfigureComputeResource_Task", 30_000);
    }
}
