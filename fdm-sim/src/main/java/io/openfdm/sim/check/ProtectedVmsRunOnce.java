package io.openfdm.sim.check;

import io.openfdm.core.model.HostId;
import io.openfdm.core.model.Role;
import io.openfdm.core.model.RestartPriority;
import io.openfdm.sim.cluster.SimCluster;
import io.openfdm.sim.host.SimHost;
import io.openfdm.sim.scenario.ClusterDescription.VmDescription;

import java.util.ArrayList;
import java.util.List;

/**
 * Checked at the end of a run: every protected VM (restart priority not {@code disabled}) is
 * powered on on exactly one live host: the "at least once" half of HA's promise. A VM with
 * priority {@code disabled} runs nowhere but on the host it started on.
 *
 * <p>It applies only when HA could have done its job: some live host is master and the live hosts
 * have the CPU and memory for every protected VM. A VM whose home datastore no live master can
 * reach is exempt, and so is a VM whose home datastore's protectedlist a {@code tear} damaged
 * (the master rebuilds it from live hosts' reports only). A master protects only the VMs of
 * datastores whose protectedlist it can lock (VMware HA: the master claims a datastore by locking
 * its protectedlist; a running master is not displaced by a host that reaches more datastores). A
 * VM that runs nowhere because its host went down in maintenance or standby mode is exempt too:
 * HA does not restart those (VMware: not a failure; {@link SimHost#vmsDownOutOfService()}). The
 * run must have left enough quiet time after the last fault for detection and restart (as a rule
 * of thumb 15 s with default timing).
 */
public final class ProtectedVmsRunOnce implements Invariant {
    @Override
    public void check(SimCluster cluster) {
        if (!applies(cluster)) {
            return;
        }
        List<String> problems = new ArrayList<>();
        List<SimHost> masters = cluster.hosts().stream()
                .filter(h -> h.live() && h.node().role() == Role.MASTER).toList();
        for (VmDescription vm : cluster.description().vms()) {
            if (masters.stream().noneMatch(m -> cluster.datastores().reaches(m.id(), vm.datastore()))
                    || cluster.damagedProtectedLists().contains(vm.datastore())) {
                continue;
            }
            List<HostId> on = new ArrayList<>();
            for (SimHost host : cluster.hosts()) {
                if (host.poweredOnVms().contains(vm.id())) {
                    on.add(host.id());
                }
            }
            if (on.isEmpty() && cluster.hosts().stream().anyMatch(h -> h.vmsDownOutOfService().contains(vm.id()))) {
                continue;
            }
            if (vm.priority() == RestartPriority.DISABLED) {
                if (on.stream().anyMatch(h -> !h.equals(vm.host()))) {
                    problems.add(vm.id() + " (restart disabled) runs on " + on);
                }
            } else if (on.size() != 1) {
                problems.add(vm.id() + " runs on " + on.size() + " live hosts " + on + ", expected exactly 1");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvariantViolation("at the end: " + String.join("; ", problems));
        }
    }

    /** True when a live master exists and the live hosts have the capacity for every protected VM. */
    public static boolean applies(SimCluster cluster) {
        List<SimHost> live = cluster.hosts().stream().filter(SimHost::live).toList();
        if (live.stream().noneMatch(h -> h.node().role() == Role.MASTER)) {
            return false;
        }
        long cpu = 0;
        long mem = 0;
        for (SimHost h : live) {
            var spec = cluster.config().host(h.id()).orElseThrow();
            cpu += spec.cpuMhz();
            mem += spec.memoryMb();
        }
        for (VmDescription vm : cluster.description().vms()) {
            if (vm.priority() == RestartPriority.DISABLED) {
                continue;
            }
            cpu -= vm.cpuMhz();
            mem -= vm.memoryMb();
        }
        return cpu >= 0 && mem >= 0;
    }
}
