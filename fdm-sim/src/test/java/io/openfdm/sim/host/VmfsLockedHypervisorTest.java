package io.openfdm.sim.host;

import io.openfdm.core.model.HostId;
import io.openfdm.core.model.VmId;
import io.openfdm.core.model.VmInfo;
import io.openfdm.hostd.Hypervisor;
import io.openfdm.hostd.HypervisorException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VmfsLockedHypervisorTest {
    private static final HostId ME = HostId.of("host-2");
    private static final HostId HOLDER = HostId.of("host-3");
    private static final VmId LOCKED = VmId.of("vm-1");
    private static final VmId FREE = VmId.of("vm-2");

    /** Records the calls that reach the host's own hypervisor. */
    private static final class Recording implements Hypervisor {
        final List<String> calls = new ArrayList<>();

        @Override
        public List<VmInfo> listVms() {
            return List.of();
        }

        @Override
        public Optional<VmInfo> vm(VmId id) {
            return Optional.empty();
        }

        @Override
        public VmInfo register(String datastore, VmId id) {
            calls.add("register " + id);
            return null;
        }

        @Override
        public void powerOn(VmId id) {
            calls.add("powerOn " + id);
        }

        @Override
        public void powerOff(VmId id) {
            calls.add("powerOff " + id);
        }

        @Override
        public void shutdownGuest(VmId id) {
            calls.add("shutdownGuest " + id);
        }

        @Override
        public void reset(VmId id) {
            calls.add("reset " + id);
        }
    }

    private final Recording delegate = new Recording();
    private final VmfsLockedHypervisor hypervisor = new VmfsLockedHypervisor(ME, delegate,
            (requester, vm) -> requester.equals(ME) && vm.equals(LOCKED) ? Optional.of(HOLDER) : Optional.empty());

    @Test
    void aHeldLockRefusesRegisterAndPowerOnNamingTheHolderAndCountsThem() {
        assertThatThrownBy(() -> hypervisor.register("ds-1", LOCKED))
                .isInstanceOf(HypervisorException.class)
                .hasMessageContaining("cannot register: failed to lock the file")
                .hasMessageContaining("locked by host-3");
        assertThatThrownBy(() -> hypervisor.powerOn(LOCKED))
                .isInstanceOf(HypervisorException.class)
                .hasMessageContaining("cannot power on: failed to lock the file");
        assertThat(delegate.calls).isEmpty();
        assertThat(hypervisor.refusals()).isEqualTo(2);
    }

    @Test
    void freeFilesAndEveryOtherCallGoStraightThrough() {
        hypervisor.register("ds-1", FREE);
        hypervisor.powerOn(FREE);
        hypervisor.powerOff(LOCKED);
        hypervisor.shutdownGuest(LOCKED);
        hypervisor.reset(LOCKED);
        assertThat(delegate.calls).containsExactly("register vm-2", "powerOn vm-2", "powerOff vm-1",
                "shutdownGuest vm-1", "reset vm-1");
        assertThat(hypervisor.refusals()).isZero();
    }
}
