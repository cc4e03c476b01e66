package io.openfdm.cli.cluster;

import io.openfdm.core.config.DatastoreSpec;
import io.openfdm.core.config.HostSpec;
import io.openfdm.core.env.DatastoreFiles;
import io.openfdm.datastore.nio.NioDatastoreFiles;
import io.openfdm.hostd.sim.FilePowerStateStore;
import io.openfdm.hostd.sim.SimulatedHypervisor;
import io.openfdm.hostd.sim.VmConfig;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Creates a plan's VMs with the simulated hypervisor, the way an administrator would: each VM's
 * configuration on its home datastore, registered on its host; then boots each host's hypervisor
 * once on its power-state file ({@code <stateDir>/powerstate}), powers its VMs on and shuts it
 * down cleanly, so the agent's hypervisor restores them as running when it starts.
 */
final class SimulatedVms {
    private SimulatedVms() {
    }

    /**
     * @throws io.openfdm.hostd.HypervisorException if a VM configuration cannot be written
     * @throws java.io.UncheckedIOException if a power-state file cannot be written
     */
    static void create(LayoutPlan plan) {
        Map<String, Path> mounts = new LinkedHashMap<>();
        for (DatastoreSpec ds : plan.config().datastores()) {
            mounts.put(ds.name(), Path.of(ds.path()));
        }
        DatastoreFiles files = new NioDatastoreFiles(mounts);
        for (LayoutPlan.PlannedVm vm : plan.vms()) {
            SimulatedHypervisor.createVm(files, vm.datastore(), new VmConfig(vm.id(), vm.name(),
                    LayoutPlan.VM_CPU_MHZ, LayoutPlan.VM_MEMORY_MB, vm.priority(), vm.host()));
        }
        for (HostSpec h : plan.config().hosts()) {
            Path powerState = plan.localHost(h.id()).dir().resolve("state").resolve("powerstate");
            SimulatedHypervisor hv = SimulatedHypervisor.boot(h.id(), files, h::datastores,
                    new FilePowerStateStore(powerState));
            for (LayoutPlan.PlannedVm vm : plan.vmsOn(h.id())) {
                hv.powerOn(vm.id());
            }
            hv.shutdownClean();
        }
    }
}
