package io.openfdm.cli.demo.vcsim;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ExactlyOnceTest {
    static VmRow vm(String moid, String name, String host, String power) {
        return new VmRow(moid, name, "[LocalDS_0] " + name + "/" + name + ".vmx", host, power, false);
    }

    static final VmRow A = vm("vm-1", "a", "host-1", "poweredOn");
    static final VmRow B = vm("vm-2", "b", "host-2", "poweredOn");

    @Test
    void everyProtectedVmRunningOnceOnALiveHostIsFine() {
        List<VmRow> now = List.of(vm("vm-1", "a", "host-3", "poweredOn"), B, vm("vm-9", "unprotected", "host-1", "poweredOff"));
        assertThat(ExactlyOnce.problems(List.of(A, B), now, Set.of("host-1"))).isEmpty();
    }

    @Test
    void aVmStillOffIsNotRunning() {
        List<VmRow> now = List.of(vm("vm-1", "a", "host-1", "poweredOff"), B);
        assertThat(ExactlyOnce.problems(List.of(A, B), now, Set.of("host-1")))
                .containsExactly("vm-1 (a): not running (vm-1 poweredOff on host-1)");
    }

    @Test
    void aVmRegisteredTwiceIsACopyEvenWhenOnlyOneRuns() {
        // vCenter gives a re-registered .vmx a new MOID: two registrations are two copies of one VM
        List<VmRow> now = List.of(vm("vm-1", "a", "host-2", "poweredOn"), vm("vm-7", "a", "host-3", "poweredOff"), B);
        assertThat(ExactlyOnce.problems(List.of(A, B), now, Set.of("host-1")))
                .containsExactly("vm-1 (a): registered 2 times (vm-1 poweredOn on host-2, vm-7 poweredOff on host-3)");
    }

    @Test
    void aVmRunningTwiceIsReportedAsSuch() {
        List<VmRow> now = List.of(vm("vm-1", "a", "host-2", "poweredOn"), vm("vm-7", "a", "host-3", "poweredOn"), B);
        assertThat(ExactlyOnce.problems(List.of(A, B), now, Set.of("host-1"))).containsExactly(
                "vm-1 (a): registered 2 times (vm-1 poweredOn on host-2, vm-7 poweredOn on host-3)",
                "vm-1 (a): running 2 times (vm-1 poweredOn on host-2, vm-7 poweredOn on host-3)");
    }

    @Test
    void runningOnTheFailedHostDoesNotCount() {
        assertThat(ExactlyOnce.problems(List.of(A, B), List.of(A, B), Set.of("host-1")))
                .containsExactly("vm-1 (a): reported running on the failed host host-1");
    }

    @Test
    void aVmGoneFromTheInventoryIsReported() {
        assertThat(ExactlyOnce.problems(List.of(A, B), List.of(B), Set.of("host-1")))
                .containsExactly("vm-1 (a): no longer registered in vCenter");
    }
}
