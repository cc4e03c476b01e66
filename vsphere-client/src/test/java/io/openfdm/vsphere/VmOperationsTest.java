package io.openfdm.vsphere;

import io.openfdm.vsphere.VsphereException.Kind;
import io.openfdm.vsphere.property.ObjectChange;
import io.openfdm.vsphere.property.ObjectProperties;
import io.openfdm.vsphere.property.PropertyQuery;
import io.openfdm.vsphere.property.UpdateBatch;
import io.openfdm.vsphere.property.UpdateWatcher;
import io.openfdm.vsphere.vcsim.Vcsim;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** VM tasks, task faults and WaitForUpdatesEx against one real vcsim (each test uses its own VM). */
class VmOperationsTest {
    static final long TASK_TIMEOUT_MS = 10_000;
    static final PropertyQuery VMS = PropertyQuery.of("VirtualMachine", "name", "runtime.powerState", "runtime.host",
            "config.files.vmPathName", "resourcePool", "parent");
    static Vcsim vcsim;
    static VsphereClient client;
    static List<ObjectProperties> vms;
    static List<MoRef> hosts;

    @BeforeAll
    static void start() {
        vcsim = VcsimFixture.start(Vcsim.Options.flags("-cluster", "1", "-host", "3", "-standalone-host", "0", "-vm", "6"));
        client = VsphereClient.connect(vcsim.endpoint());
        vms = client.inventory().readAll(VMS);
        hosts = client.inventory().readAll(PropertyQuery.of("HostSystem", "name")).stream().map(ObjectProperties::ref)
                .toList();
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (vcsim != null) {
            vcsim.close();
        }
    }

    static ObjectProperties fresh(MoRef vm) {
        return client.inventory().read(vm, VMS).orElseThrow();
    }

    @Test
    void powersOffAndOn() {
        MoRef vm = vms.get(0).ref();
        client.vms().powerOff(vm, TASK_TIMEOUT_MS);
        assertThat(fresh(vm).string("runtime.powerState")).contains("poweredOff");
        client.vms().powerOn(vm, null, TASK_TIMEOUT_MS);
        assertThat(fresh(vm).string("runtime.powerState")).contains("poweredOn");
    }

    @Test
    void aFailedTaskBecomesItsFault() {
        MoRef vm = vms.get(1).ref(); // powered on by vcsim's -autostart
        assertThatThrownBy(() -> client.vms().powerOn(vm, null, TASK_TIMEOUT_MS))
                .isInstanceOfSatisfying(VsphereException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.FAULT);
                    assertThat(e.faultName()).isEqualTo("InvalidPowerState");
                    assertThat(e.getMessage()).contains("PowerOnVM_Task " + vm.value()).contains("task failed");
                });
    }

    @Test
    void unknownVmIsNotFound() {
        assertThatThrownBy(() -> client.vms().powerOff(MoRef.vm("vm-404"), TASK_TIMEOUT_MS))
                .isInstanceOfSatisfying(VsphereException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
                    assertThat(e.faultName()).isEqualTo("ManagedObjectNotFound");
                });
    }

    @Test
    void relocateMovesTheVmToTheHost() {
        ObjectProperties vm = vms.get(2);
        MoRef from = vm.moRef("runtime.host").orElseThrow();
        MoRef to = hosts.stream().filter(h -> !h.equals(from)).findFirst().orElseThrow();
        client.vms().powerOff(vm.ref(), TASK_TIMEOUT_MS);
        client.vms().relocate(vm.ref(), to, TASK_TIMEOUT_MS);
        assertThat(fresh(vm.ref()).moRef("runtime.host")).contains(to);
    }

    @Test
    void registerGivesANewMoidForTheSameFiles() {
        ObjectProperties vm = vms.get(3);
        String path = vm.string("config.files.vmPathName").orElseThrow();
        MoRef host = vm.moRef("runtime.host").orElseThrow();
        client.vms().powerOff(vm.ref(), TASK_TIMEOUT_MS);
        client.vms().unregister(vm.ref());
        assertThat(client.inventory().read(vm.ref(), VMS)).isEmpty();

        MoRef registered = client.vms().register(vm.moRef("parent").orElseThrow(), path, null,
                vm.moRef("resourcePool").orElseThrow(), host, TASK_TIMEOUT_MS);
        assertThat(registered).isNotEqualTo(vm.ref());
        ObjectProperties now = fresh(registered);
        assertThat(now.string("config.files.vmPathName")).contains(path);
        assertThat(now.moRef("runtime.host")).contains(host);

        assertThatThrownBy(() -> client.vms().register(vm.moRef("parent").orElseThrow(), path, null,
                vm.moRef("resourcePool").orElseThrow(), host, TASK_TIMEOUT_MS))
                .isInstanceOfSatisfying(VsphereException.class, e -> assertThat(e.faultName()).isEqualTo("AlreadyExists"));
    }

    @Test
    void watchSeesEveryObjectThenEachChange() {
        MoRef vm = vms.get(4).ref();
        try (UpdateWatcher watch = client.watch(client.rootFolder(), PropertyQuery.of("VirtualMachine", "runtime.powerState"))) {
            UpdateBatch first = watch.waitForUpdates(5);
            assertThat(first.resync()).isTrue();
            assertThat(first.changes()).extracting(ObjectChange::kind).containsOnly(ObjectChange.Kind.ENTER);
            assertThat(first.changes()).extracting(ObjectChange::ref).contains(vm);

            UpdateBatch quiet = watch.waitForUpdates(0);
            assertThat(quiet.changes()).isEmpty();
            assertThat(quiet.resync()).isFalse();

            client.vms().powerOff(vm, TASK_TIMEOUT_MS);
            UpdateBatch next = watch.waitForUpdates(5);
            assertThat(next.resync()).isFalse();
            assertThat(next.changes()).anySatisfy(c -> {
                assertThat(c.ref()).isEqualTo(vm);
                assertThat(c.kind()).isEqualTo(ObjectChange.Kind.MODIFY);
                assertThat(c.set()).containsEntry("runtime.powerState", "poweredOff");
            });
        }
    }
}
