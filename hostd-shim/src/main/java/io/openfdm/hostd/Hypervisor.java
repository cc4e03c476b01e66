package io.openfdm.hostd;

import io.openfdm.core.model.VmId;
import io.openfdm.core.model.VmInfo;

import java.util.List;
import java.util.Optional;

/**
 * The only way an agent touches its hypervisor (FDM talks to hostd). One instance serves one host.
 * Calls are synchronous; implementations must bound their own waiting and throw
 * {@link HypervisorException} rather than hang.
 *
 * <p>Implementations: {@link io.openfdm.hostd.sim.SimulatedHypervisor}, the built-in simulated
 * hypervisor (VM configurations as JSON files on datastores, power state per host), used by demos,
 * tests and the simulator.
 */
public interface Hypervisor {
    /** Every VM registered on this host, powered on or off, with current power state. */
    List<VmInfo> listVms();

    /** One registered VM, or empty if it is not registered here. */
    Optional<VmInfo> vm(VmId id);

    /**
     * Registers a VM from its configuration on a datastore ({@code <datastore>/<vm>/<vm>.json} for
     * the simulated hypervisor). Idempotent: a VM already registered here is returned as is.
     *
     * @throws HypervisorException if the datastore or the configuration cannot be read
     */
    VmInfo register(String datastore, VmId id);

    /** Powers a registered VM on. Idempotent. @throws HypervisorException if unknown or refused */
    void powerOn(VmId id);

    /** Powers a registered VM off. Idempotent. @throws HypervisorException if unknown */
    void powerOff(VmId id);

    /**
     * Asks the guest OS of a registered VM to shut down (vSphere's {@code ShutdownGuest}, through
     * VMware Tools) and returns without waiting: the VM powers off when the guest has finished, or
     * never if the guest hangs. HA's isolation response "shut down" calls it, then powers the VM
     * off after {@code das.isolationShutdownTimeout} if it still runs. A VM already powered off:
     * nothing to do.
     *
     * @throws HypervisorException if the VM is unknown here, or the request is refused (no VMware
     *                             Tools, for instance)
     */
    void shutdownGuest(VmId id);

    /**
     * Resets a powered-on VM (vSphere's {@code ResetVM_Task}: a hard reset, the guest boots again;
     * the VM stays powered on and on this host). VM monitoring calls it when the guest heartbeat
     * has stopped.
     *
     * @throws HypervisorException if the VM is unknown, not powered on, or the reset is refused;
     *                             by default, because this hypervisor cannot reset VMs
     */
    default void reset(VmId id) {
        throw new HypervisorException(id, "reset is not supported by " + getClass().getSimpleName());
    }

    /**
     * Periodic housekeeping, called by the agent about once a second: the simulated hypervisor
     * checks that each VM's configuration still names this host, and powers off and drops a VM
     * registered elsewhere since (the "lock lost" answer of ESXi).
     */
    default void refresh() {
    }
}
