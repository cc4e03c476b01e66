package io.openfdm.bridge.vcenter;

import io.openfdm.bridge.config.DatastorePaths;
import io.openfdm.bridge.inventory.ClusterRecord;
import io.openfdm.bridge.inventory.DasVmSettings;
import io.openfdm.bridge.inventory.HostRecord;
import io.openfdm.bridge.inventory.Inventory;
import io.openfdm.bridge.inventory.VmRecord;
import io.openfdm.vsphere.MoRef;
import io.openfdm.vsphere.VsphereClient;
import io.openfdm.vsphere.VsphereEndpoint;
import io.openfdm.vsphere.vcsim.Vcsim;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Discovery, dasVmConfig writes and WaitForUpdatesEx against a real vcsim (1 cluster, 4 hosts, 2 datastores, 4 VMs). */
class VsphereVcenterTest {
    private static Vcsim vcsim;
    private static VcenterSession session;

    @BeforeAll
    static void start() {
        vcsim = VcsimFixture.start("-cluster", "1", "-host", "4", "-ds", "2", "-vm", "4");
        session = VsphereVcenter.connector(vcsim.endpoint()).connect();
    }

    @AfterAll
    static void stop() {
        if (session != null) {
            session.close();
        }
        if (vcsim != null) {
            vcsim.close();
        }
    }

    @Test
    void discoversClustersHostsDatastoresAndVms() {
        Inventory inv = session.readInventory();
        assertThat(inv.vcenterUuid()).isNotBlank();
        assertThat(inv.clusters()).hasSize(1);
        ClusterRecord cluster = inv.clusters().get(0);
        assertThat(cluster.moid()).as("vcsim names clusters clustercomputeresource-N").matches(".*-\\d+");
        List<HostRecord> hosts = inv.hostsOf(cluster);
        assertThat(hosts).hasSize(4);
        for (HostRecord h : hosts) {
            assertThat(h.moid()).startsWith("host-");
            assertThat(h.connectionState()).isEqualTo("connected");
            assertThat(h.managementAddress()).as("vcsim's vmk0 on the Management Network").isEqualTo("127.0.0.1");
            assertThat(h.cpuMhz()).isPositive();
            assertThat(h.memoryMb()).isPositive();
            assertThat(h.datastores()).hasSize(2);
        }
        assertThat(inv.datastores()).extracting(d -> d.name()).contains("LocalDS_0", "LocalDS_1");
        inv.datastores().forEach(d -> assertThat(Files.isDirectory(Path.of(DatastorePaths.localPath(d.url()).orElseThrow())))
                .as("vcsim backs %s with a real directory", d.name()).isTrue());

        List<VmRecord> vms = inv.vmsOf(cluster);
        assertThat(vms).hasSize(4);
        for (VmRecord vm : vms) {
            assertThat(cluster.hosts()).contains(vm.host());
            assertThat(vm.powerState()).isEqualTo("poweredOn");
            assertThat(vm.homeDatastore()).isEqualTo("LocalDS_0");
            assertThat(vm.template()).isFalse();
        }
    }

    @Test
    void restartPriorityOverridesAreWrittenToAndReadFromDasVmConfig() {
        Inventory inv = session.readInventory();
        ClusterRecord cluster = inv.clusters().get(0);
        String vm = inv.vmsOf(cluster).get(1).moid();

        session.setRestartPriority(cluster.moid(), vm, "high");
        assertThat(session.readInventory().cluster(cluster.moid()).orElseThrow().dasVmSettings(vm))
                .map(DasVmSettings::restartPriority).contains("high");

        session.setRestartPriority(cluster.moid(), vm, "low"); // now an edit of the existing override
        assertThat(session.readInventory().cluster(cluster.moid()).orElseThrow().dasVmSettings(vm))
                .map(DasVmSettings::restartPriority).contains("low");

        session.setRestartPriority(cluster.moid(), vm, null); // back to the cluster default
        assertThat(session.readInventory().cluster(cluster.moid()).orElseThrow().dasVmSettings(vm))
                .map(DasVmSettings::hasOwnPriority).contains(false);
    }

    @Test
    void aPriorityChangeKeepsTheVmsIsolationResponse() {
        Inventory inv = session.readInventory();
        ClusterRecord cluster = inv.clusters().get(0);
        String vm = inv.vmsOf(cluster).get(3).moid();
        MoRef clusterRef = new MoRef("ClusterComputeResource", cluster.moid());
        try (VsphereClient other = VsphereClient.connect(vcsim.endpoint())) {
            // another vSphere client gives the VM an override with its own isolation response
            new io.openfdm.vsphere.cluster.ClusterOperations(other.session())
                    .setVmOverride(clusterRef, MoRef.vm(vm), "high", "powerOff", false, 10_000);
        }
        session.readInventory(); // the bridge's view now has the override

        session.setRestartPriority(cluster.moid(), vm, "lowest");

        DasVmSettings now = session.readInventory().cluster(cluster.moid()).orElseThrow().dasVmSettings(vm).orElseThrow();
        assertThat(now.restartPriority()).isEqualTo("lowest");
        // vcsim merges an edit into the existing dasSettings, so here this holds even if the bridge
        // sent only the priority; the bridge sends both anyway, since a vCenter that replaced
        // dasSettings whole would otherwise reset the isolation response (not checkable here).
        assertThat(now.isolationResponse()).isEqualTo("powerOff");
    }

    @Test
    void waitForUpdatesReportsAPowerChangeAndIsQuietOtherwise() throws Exception {
        Inventory inv = session.readInventory();
        ClusterRecord cluster = inv.clusters().get(0);
        VmRecord vm = inv.vmsOf(cluster).get(2);
        // the first wait delivers the initial state (resync); then nothing changes
        assertThat(session.awaitChange(2_000)).isTrue();
        long started = System.nanoTime();
        assertThat(session.awaitChange(1_000)).isFalse();
        assertThat((System.nanoTime() - started) / 1_000_000).as("the server held the call").isGreaterThanOrEqualTo(900);

        try (VsphereClient other = VsphereClient.connect(vcsim.endpoint())) {
            other.vms().powerOff(MoRef.vm(vm.moid()), 10_000);
            assertThat(session.awaitChange(10_000)).isTrue();
            assertThat(session.readInventory().vms().stream().filter(v -> v.moid().equals(vm.moid())).findFirst().orElseThrow()
                    .powerState()).isEqualTo("poweredOff");
            other.vms().powerOn(MoRef.vm(vm.moid()), null, 10_000);
            assertThat(session.awaitChange(10_000)).isTrue();
        }
    }

    @Test
    void anUnreachableVcenterIsUnavailable() {
        VsphereEndpoint nowhere = VsphereEndpoint.of(URI.create("https://127.0.3.1:1/sdk"), "u", "p", true);
        assertThatThrownBy(() -> VsphereVcenter.connector(nowhere).connect()).isInstanceOf(VcenterUnavailableException.class);
    }
}
