package io.openfdm.sim.check;

import io.openfdm.core.model.HostId;
import io.openfdm.core.model.VmId;
import io.openfdm.sim.cluster.SimCluster;
import io.openfdm.sim.scenario.ClusterDescription.VmDescription;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * No VM is powered on on two live hosts at once: the "exactly once" half of HA's promise (a VM
 * restarted while its first copy still runs would corrupt its disks; VMware prevents it with VMFS
 * file locks, we with leases and fenced power-on requests). Crashed hosts run nothing. A copy on a
 * host that cannot reach the VM's home datastore is a zombie without disks and does not count:
 * it cannot write them, and when the path comes back the simulated VMFS lock powers it off if
 * another copy runs (the cluster's {@code DiskLocks}).
 */
public final class NoVmRunsTwice implements Invariant {
    @Override
    public void check(SimCluster cluster) {
        Map<HostId, List<VmId>> withDisks = new LinkedHashMap<>();
        for (Map.Entry<HostId, List<VmId>> e : cluster.running().entrySet()) {
            List<VmId> vms = new ArrayList<>();
            for (VmId vm : e.getValue()) {
                String home = cluster.description().vm(vm).map(VmDescription::datastore).orElse(null);
                if (home == null || cluster.datastores().reaches(e.getKey(), home)) {
                    vms.add(vm);
                }
            }
            withDisks.put(e.getKey(), vms);
        }
        check(withDisks);
    }

    /**
     * @param runningOn the VMs powered on on each live host
     * @throws InvariantViolation naming the first VM found on two hosts
     */
    public static void check(Map<HostId, List<VmId>> runningOn) {
        Map<VmId, HostId> seen = new HashMap<>();
        for (Map.Entry<HostId, List<VmId>> e : runningOn.entrySet()) {
            for (VmId vm : e.getValue()) {
                HostId other = seen.putIfAbsent(vm, e.getKey());
                if (other != null) {
                    throw new InvariantViolation(vm + " is powered on on both " + other + " and " + e.getKey());
                }
            }
        }
    }
}
