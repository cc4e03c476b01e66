package io.openfdm.hostd.vsphere;

import io.openfdm.vsphere.VcsimFixture;
import io.openfdm.core.model.HostId;
import io.openfdm.core.model.PowerState;
import io.openfdm.core.model.VmId;
import io.openfdm.core.model.VmInfo;
import io.openfdm.hostd.HypervisorException;
import io.openfdm.vsphere.MoRef;
import io.openfdm.vsphere.VsphereClient;
import io.openfdm.vsphere.property.ObjectProperties;
import io.openfdm.vsphere.property.PropertyQuery;
import io.openfdm.vsphere.vcsim.Vcsim;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The vSphere backend against one real vcsim vCenter (1 cluster, 3 hosts, 12 VMs). Tests that
 * change a VM each take their own VMs; {@link #vc} is an independent client used to check results.
 */
class VsphereHypervisorTest {
    static final PropertyQuery VM = PropertyQuery.of("VirtualMachine", "name", "runtime.powerState", "runtime.host",
            "config.files.vmPathName");
    static Vcsim vcsim;
    static VsphereClient vc;
    static List<HostId> hosts;
    static final List<VsphereHypervisor> opened = new ArrayList<>();
    static final List<String> freeVms = new ArrayList<>();

    @BeforeAll
    static void start() {
        vcsim = VcsimFixture.start(Vcsim.Options.flags("-cluster", "1", "-host", "3", "-standalone-host", "0", "-vm", "12"));
        vc = VsphereClient.connect(vcsim.endpoint());
        hosts = vc.inventory().readAll(PropertyQuery.of("HostSystem", "name")).stream()
                .map(o -> HostId.of(o.ref().value())).sorted().toList();
        vc.inventory().readAll(VM).stream().map(o -> o.ref().value()).sorted().forEach(freeVms::add);
    }

    @AfterAll
    static void stop() {
        opened.forEach(VsphereHypervisor::close);
        if (vc != null) {
            vc.close();
        }
        if (vcsim != null) {
            vcsim.close();
        }
    }

    static VsphereHypervisor hypervisor(HostId host, PowerOnMode mode) {
        VsphereHypervisor h = new VsphereHypervisor(new VsphereConnector(vcsim.endpoint()), VsphereHostSettings.of(host, mode));
        opened.add(h);
        return h;
    }

    /** A VM no other test uses, and the host it is registered on. */
    static synchronized ObjectProperties takeVm() {
        String moid = freeVms.remove(0);
        return vc.inventory().read(MoRef.vm(moid), VM).orElseThrow();
    }

    static HostId hostOf(ObjectProperties vm) {
        return HostId.of(vm.moRef("runtime.host").orElseThrow().value());
    }

    static HostId otherThan(HostId host) {
        return hosts.stream().filter(h -> !h.equals(host)).findFirst().orElseThrow();
    }

    static ObjectProperties now(String moid) {
        return vc.inventory().read(MoRef.vm(moid), VM).orElseThrow();
    }

    @Test
    void eachHostListsExactlyTheVmsItRunsInOneCall() {
        List<VmInfo> all = new ArrayList<>();
        for (HostId host : hosts) {
            VsphereHypervisor h = hypervisor(host, PowerOnMode.AUTO);
            h.listVms();
            VsphereClient client = clientOf(h);
            long before = client.apiCalls();
            List<VmInfo> vms = h.listVms();
            assertThat(client.apiCalls() - before).isEqualTo(1);
            for (VmInfo vm : vms) {
                assertThat(now(vm.id().moid()).moRef("runtime.host")).contains(MoRef.host(host.moid()));
                assertThat(vm.homeDatastore()).isEqualTo("LocalDS_0");
                assertThat(vm.name()).isNotBlank();
                assertThat(h.vm(vm.id())).contains(vm);
            }
            all.addAll(vms);
        }
        // every VM that can run is listed by exactly one host (other tests may have made a template)
        List<VmId> runnable = vc.inventory().readAll(PropertyQuery.of("VirtualMachine", "config.template")).stream()
                .filter(o -> !o.bool("config.template", false)).map(o -> VmId.of(o.ref().value())).toList();
        assertThat(all).extracting(VmInfo::id).containsExactlyInAnyOrderElementsOf(runnable);
        assertThat(runnable.size()).isGreaterThanOrEqualTo(11);
    }

    @Test
    void autoModeOnVcsimRelocatesThenPowersOnHere() {
        ObjectProperties vm = takeVm();
        VmId id = VmId.of(vm.ref().value());
        HostId from = hostOf(vm);
        HostId to = otherThan(from);
        hypervisor(from, PowerOnMode.AUTO).powerOff(id);
        VsphereHypervisor target = hypervisor(to, PowerOnMode.AUTO);
        assertThat(target.effectivePowerOnMode()).isEqualTo(PowerOnMode.RELOCATE);
        assertThat(target.vm(id)).isEmpty();

        target.powerOn(id);

        assertThat(now(id.moid()).moRef("runtime.host")).contains(MoRef.host(to.moid()));
        assertThat(now(id.moid()).string("runtime.powerState")).contains("poweredOn");
        assertThat(target.listVms()).extracting(VmInfo::id).contains(id);
        assertThat(target.vm(id).orElseThrow().power()).isEqualTo(PowerState.POWERED_ON);
        assertThat(hypervisor(from, PowerOnMode.AUTO).listVms()).extracting(VmInfo::id).doesNotContain(id);
        target.powerOn(id); // idempotent
    }

    @Test
    void hostArgumentModeWorksForAVmOnThisHostAndDetectsAServerThatIgnoresIt() {
        ObjectProperties local = takeVm();
        HostId home = hostOf(local);
        VsphereHypervisor here = hypervisor(home, PowerOnMode.HOST_ARGUMENT);
        VmId localId = VmId.of(local.ref().value());
        here.powerOff(localId);
        here.powerOn(localId); // PowerOnVM_Task(vm, this host)
        assertThat(now(localId.moid()).string("runtime.powerState")).contains("poweredOn");

        ObjectProperties remote = takeVm();
        VmId remoteId = VmId.of(remote.ref().value());
        HostId remoteHome = hostOf(remote);
        hypervisor(remoteHome, PowerOnMode.AUTO).powerOff(remoteId);
        VsphereHypervisor elsewhere = hypervisor(otherThan(remoteHome), PowerOnMode.HOST_ARGUMENT);
        assertThatThrownBy(() -> elsewhere.powerOn(remoteId))
                .isInstanceOf(HypervisorException.class)
                .hasMessageContaining("ignored the host argument")
                .hasMessageContaining("powerOnMode relocate");
        // vcsim powered it on where it was: one copy, on its old host
        assertThat(now(remoteId.moid()).moRef("runtime.host")).contains(MoRef.host(remoteHome.moid()));
        assertThat(now(remoteId.moid()).string("runtime.powerState")).contains("poweredOn");
    }

    @Test
    void refusesToStartAVmRunningOnAnotherHost() {
        ObjectProperties vm = takeVm();
        VmId id = VmId.of(vm.ref().value());
        HostId home = hostOf(vm);
        VsphereHypervisor other = hypervisor(otherThan(home), PowerOnMode.AUTO);
        assertThatThrownBy(() -> other.powerOn(id))
                .isInstanceOf(HypervisorException.class)
                .hasMessageContaining("powered on on " + home.moid())
                .hasMessageContaining("not starting a second copy");
        assertThatThrownBy(() -> other.register("LocalDS_0", id)).hasMessageContaining("not starting a second copy");
        assertThatThrownBy(() -> other.powerOff(id)).hasMessageContaining("registered on " + home.moid());
        assertThat(now(id.moid()).moRef("runtime.host")).contains(MoRef.host(home.moid()));
    }

    @Test
    void powerOffIsIdempotent() {
        ObjectProperties vm = takeVm();
        VmId id = VmId.of(vm.ref().value());
        VsphereHypervisor h = hypervisor(hostOf(vm), PowerOnMode.AUTO);
        h.powerOff(id);
        h.powerOff(id);
        assertThat(h.vm(id).orElseThrow().power()).isEqualTo(PowerState.POWERED_OFF);
    }

    @Test
    void shutdownGuestShutsTheGuestDownThroughVsphereAndIsRefusedForAnotherHostsVm() throws Exception {
        ObjectProperties vm = takeVm();
        VmId id = VmId.of(vm.ref().value());
        HostId home = hostOf(vm);
        VsphereHypervisor h = hypervisor(home, PowerOnMode.AUTO);
        h.powerOn(id);
        assertThatThrownBy(() -> hypervisor(otherThan(home), PowerOnMode.AUTO).shutdownGuest(id))
                .hasMessageContaining("registered on " + home.moid());
        h.shutdownGuest(id);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (h.vm(id).orElseThrow().poweredOn() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(h.vm(id).orElseThrow().power()).as("vcsim's guest shut down").isEqualTo(PowerState.POWERED_OFF);
        h.shutdownGuest(id); // already off: nothing to do
    }

    @Test
    void resetKeepsAPoweredOnVmOnItsHostAndIsRefusedForAPoweredOffOne() {
        ObjectProperties vm = takeVm();
        VmId id = VmId.of(vm.ref().value());
        VsphereHypervisor h = hypervisor(hostOf(vm), PowerOnMode.AUTO);
        VmInfo before = h.vm(id).orElseThrow();
        assertThat(before.power()).isEqualTo(PowerState.POWERED_ON);
        // vcsim reports every VM's guest heartbeat as gray (no guest tools)
        assertThat(before.guestHeartbeat()).isEqualTo(io.openfdm.core.model.GuestHeartbeat.GRAY);
        h.reset(id);
        assertThat(now(id.moid()).string("runtime.powerState")).contains("poweredOn");
        assertThat(now(id.moid()).moRef("runtime.host")).contains(MoRef.host(hostOf(vm).moid()));
        assertThatThrownBy(() -> hypervisor(otherThan(hostOf(vm)), PowerOnMode.AUTO).reset(id))
                .hasMessageContaining("registered on " + hostOf(vm).moid());
        h.powerOff(id);
        assertThatThrownBy(() -> h.reset(id)).hasMessageContaining("cannot reset: powered off");
    }

    @Test
    void guestHeartbeatStatusNamesMapToTheirStatus() {
        assertThat(VsphereHypervisor.guestHeartbeat("green")).isEqualTo(io.openfdm.core.model.GuestHeartbeat.GREEN);
        assertThat(VsphereHypervisor.guestHeartbeat("yellow")).isEqualTo(io.openfdm.core.model.GuestHeartbeat.YELLOW);
        assertThat(VsphereHypervisor.guestHeartbeat("red")).isEqualTo(io.openfdm.core.model.GuestHeartbeat.RED);
        assertThat(VsphereHypervisor.guestHeartbeat("gray")).isEqualTo(io.openfdm.core.model.GuestHeartbeat.GRAY);
        assertThat(VsphereHypervisor.guestHeartbeat("")).isEqualTo(io.openfdm.core.model.GuestHeartbeat.GRAY);
    }

    @Test
    void registersAVmMissingFromTheInventoryAndReportsItUnderTheRequestedMoid() {
        ObjectProperties vm = takeVm();
        VmId id = VmId.of(vm.ref().value());
        HostId home = hostOf(vm);
        HostId target = otherThan(home);
        VsphereHypervisor h = hypervisor(target, PowerOnMode.AUTO);
        h.listVms(); // learns every VM's .vmx path
        hypervisor(home, PowerOnMode.AUTO).powerOff(id);
        vc.vms().unregister(vm.ref());

        VmInfo registered = h.register("LocalDS_0", id);

        assertThat(registered.id()).isEqualTo(id);
        assertThat(registered.power()).isEqualTo(PowerState.POWERED_OFF);
        List<ObjectProperties> sameFiles = vc.inventory().readAll(VM).stream()
                .filter(o -> o.string("config.files.vmPathName").equals(vm.string("config.files.vmPathName"))).toList();
        assertThat(sameFiles).hasSize(1);
        String newMoid = sameFiles.get(0).ref().value();
        assertThat(newMoid).isNotEqualTo(id.moid());
        assertThat(sameFiles.get(0).moRef("runtime.host")).contains(MoRef.host(target.moid()));

        h.powerOn(id);
        assertThat(now(newMoid).string("runtime.powerState")).contains("poweredOn");
        assertThat(h.listVms()).filteredOn(v -> v.id().equals(id)).singleElement()
                .satisfies(v -> assertThat(v.power()).isEqualTo(PowerState.POWERED_ON));
        assertThat(h.listVms()).extracting(VmInfo::id).doesNotContain(VmId.of(newMoid));
    }

    @Test
    void aVmThisAgentNeverSawCannotBeRegistered() {
        VsphereHypervisor h = hypervisor(hosts.get(0), PowerOnMode.AUTO);
        assertThatThrownBy(() -> h.register("LocalDS_0", VmId.of("vm-999")))
                .isInstanceOf(HypervisorException.class)
                .hasMessageContaining("unknown to this agent");
    }

    @Test
    void aRefusedPowerOnCarriesTheVsphereFault() {
        ObjectProperties vm = takeVm();
        VmId id = VmId.of(vm.ref().value());
        VsphereHypervisor h = hypervisor(hostOf(vm), PowerOnMode.AUTO);
        h.powerOff(id);
        vc.vms().markAsTemplate(vm.ref());
        assertThat(h.listVms()).extracting(VmInfo::id).doesNotContain(id); // templates cannot run
        assertThatThrownBy(() -> h.powerOn(id))
                .isInstanceOf(HypervisorException.class)
                .hasMessageContaining("[FAULT InvalidState]");
    }

    @Test
    void mapsDatastoresToTheirLocalDirectories() throws Exception {
        VsphereHypervisor h = hypervisor(hosts.get(0), PowerOnMode.AUTO);
        Map<String, Path> paths = h.datastorePaths();
        assertThat(paths).containsOnlyKeys("LocalDS_0");
        Path ds = paths.get("LocalDS_0");
        assertThat(ds).isDirectory();
        // the directory vCenter reports is real: an agent can keep .vSphere-HA/ there
        Path ha = Files.createDirectories(ds.resolve(".vSphere-HA/c1"));
        Files.writeString(ha.resolve("probe"), "ok");
        assertThat(ha.resolve("probe")).hasContent("ok");

        VsphereHypervisor overridden = new VsphereHypervisor(new VsphereConnector(vcsim.endpoint()),
                new VsphereHostSettings(hosts.get(0), PowerOnMode.AUTO, Map.of("LocalDS_0", Path.of("/mnt/ds0")), 10_000));
        opened.add(overridden);
        assertThat(overridden.datastorePaths()).containsEntry("LocalDS_0", Path.of("/mnt/ds0"));
    }

    private static VsphereClient clientOf(VsphereHypervisor h) {
        try {
            java.lang.reflect.Field f = VsphereHypervisor.class.getDeclaredField("connector");
            f.setAccessible(true);
            return ((VsphereConnector) f.get(h)).client();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
