package io.openfdm.master;

import io.openfdm.core.config.HaPolicy;
import io.openfdm.core.status.CapacityStatus;
import io.openfdm.datastore.protectedlist.ProtectedVm;
import io.openfdm.master.admission.FailoverCapacity;
import io.openfdm.master.admission.HostCapacity;
import io.openfdm.master.admission.VmDemand;

import java.util.ArrayList;
import java.util.List;

/**
 * The master's knowledge as admission control's inputs: every configured host with its
 * configured capacity and whether it is live, and every protected VM of the protectedlists this
 * master has loaded, with its reservations and host.
 */
final class CapacityInputs {

    private CapacityInputs() {
    }

    static List<HostCapacity> hosts(MasterMachine m) {
        List<HostCapacity> out = new ArrayList<>();
        for (HostRecord rec : m.hosts().values()) {
            out.add(new HostCapacity(rec.id(), rec.spec.cpuMhz(), rec.spec.memoryMb(), rec.live()));
        }
        return out;
    }

    static List<VmDemand> vms(MasterMachine m) {
        List<VmDemand> out = new ArrayList<>();
        for (DatastoreBook book : m.books().values()) {
            if (!book.loaded) {
                continue;
            }
            for (ProtectedVm vm : book.vms.values()) {
                out.add(new VmDemand(vm.vm(), vm.host(), vm.cpuMhz(), vm.memoryMb()));
            }
        }
        return out;
    }

    /** The capacity under the policy in force. */
    static CapacityStatus compute(MasterMachine m, List<HostCapacity> hosts, List<VmDemand> vms) {
        HaPolicy p = m.config().haPolicy();
        return FailoverCapacity.compute(p.admissionControlInForce(), configured(p), hosts, vms);
    }

    /** The capacity now. */
    static CapacityStatus compute(MasterMachine m) {
        return compute(m, hosts(m), vms(m));
    }

    private static boolean configured(HaPolicy p) {
        return p.admissionControl() && p.admissionControlPolicy() != null;
    }
}
