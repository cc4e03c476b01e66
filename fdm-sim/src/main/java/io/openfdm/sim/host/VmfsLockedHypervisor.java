package io.openfdm.sim.host;

import io.openfdm.core.model.HostId;
import io.openfdm.core.model.VmId;
import io.openfdm.core.model.VmInfo;
import io.openfdm.hostd.Hypervisor;
import io.openfdm.hostd.HypervisorException;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A simulated host's hypervisor as its agent sees it: the {@link io.openfdm.hostd.sim.SimulatedHypervisor}
 * plus the VMFS file locks of the shared datastores. Registering or powering on a VM whose files
 * another host's running copy still holds fails, as ESXi fails it ("Failed to lock the file");
 * every other call goes straight through.
 *
 * <p>This is the storage-side fence vSphere HA relies on when a master cannot tell a dead host from
 * one that is both partitioned and briefly cut from its heartbeat datastores (VMware: "VMFS locks
 * prevent the VM from being powered on twice"; shared/reference/vmware-ha-facts.md, split brain).
 * Each refusal is counted in {@link #refusals()}: it is a restart the master attempted while the
 * VM still ran with its disks.
 */
public final class VmfsLockedHypervisor implements Hypervisor {
    private final HostId host;
    private final Hypervisor delegate;
    private final DiskLockHolder locks;
    private int refusals;

    /**
     * @param host     the host this hypervisor runs
     * @param delegate the host's hypervisor
     * @param locks    who holds each VM's lock, cluster-wide
     */
    public VmfsLockedHypervisor(HostId host, Hypervisor delegate, DiskLockHolder locks) {
        this.host = Objects.requireNonNull(host, "host");
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.locks = Objects.requireNonNull(locks, "locks");
    }

    /** How many register and power-on calls a held lock refused so far. */
    public int refusals() {
        return refusals;
    }

    @Override
    public List<VmInfo> listVms() {
        return delegate.listVms();
    }

    @Override
    public Optional<VmInfo> vm(VmId id) {
        return delegate.vm(id);
    }

    /** {@inheritDoc} @throws HypervisorException also when another host's running copy holds the VM's lock */
    @Override
    public VmInfo register(String datastore, VmId id) {
        requireFree(id, "register");
        return delegate.register(datastore, id);
    }

    /** {@inheritDoc} @throws HypervisorException also when another host's running copy holds the VM's lock */
    @Override
    public void powerOn(VmId id) {
        requireFree(id, "power on");
        delegate.powerOn(id);
    }

    @Override
    public void powerOff(VmId id) {
        delegate.powerOff(id);
    }

    @Override
    public void shutdownGuest(VmId id) {
        delegate.shutdownGuest(id);
    }

    @Override
    public void reset(VmId id) {
        delegate.reset(id);
    }

    @Override
    public void refresh() {
        delegate.refresh();
    }

    private void requireFree(VmId id, String what) {
        Optional<HostId> holder = locks.holder(host, id);
        if (holder.isPresent()) {
            refusals++;
            throw new HypervisorException(id, "cannot " + what + ": failed to lock the file (its files are locked by "
                    + holder.get().moid() + ", which runs it)");
        }
    }
}
