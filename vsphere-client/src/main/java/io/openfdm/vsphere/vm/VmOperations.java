package io.openfdm.vsphere.vm;

import com.vmware.vim25.ManagedObjectReference;
import com.vmware.vim25.VirtualMachineMovePriority;
import com.vmware.vim25.VirtualMachineRelocateSpec;
import io.openfdm.vsphere.MoRef;
import io.openfdm.vsphere.VsphereException;
import io.openfdm.vsphere.soap.Session;
import io.openfdm.vsphere.task.TaskWaiter;

import java.util.Objects;

/**
 * The VM operations HA needs, each a vSphere task waited for with a timeout:
 * {@code PowerOnVM_Task}, {@code PowerOffVM_Task}, {@code ResetVM_Task}, {@code RelocateVM_Task} (host only),
 * {@code RegisterVM_Task}, and the non-task {@code ShutdownGuest}, {@code UnregisterVM} and
 * {@code MarkAsTemplate}.
 *
 * <p>Every method throws {@link VsphereException}: the task's own fault as {@code FAULT}
 * ({@code InvalidPowerState}, {@code InsufficientResourcesFault}, ...) or {@code NOT_FOUND}
 * ({@code ManagedObjectNotFound}), {@code TIMEOUT} if the task is not done within
 * {@code timeoutMs} (it goes on on the server), {@code UNREACHABLE} when the server does not answer.
 */
public final class VmOperations {
    private final Session session;
    private final TaskWaiter tasks;

    public VmOperations(Session session) {
        this.session = session;
        this.tasks = new TaskWaiter(session);
    }

    /**
     * {@code PowerOnVM_Task(vm, host)}. On vCenter, {@code host} chooses where a VM of a DRS-less
     * cluster powers on (vSphere API reference, VirtualMachine.PowerOnVM_Task: "host: the host where
     * the virtual machine is to be powered on"); null keeps the VM's current host. vcsim ignores it.
     */
    public void powerOn(MoRef vm, MoRef host, long timeoutMs) {
        String what = "PowerOnVM_Task " + vm.value() + (host == null ? "" : " on " + host.value());
        ManagedObjectReference task = session.call(what, (v, sc) -> v.powerOnVM_Task(Session.mor(vm), Session.mor(host)));
        tasks.await(Session.moRef(task), what, timeoutMs);
    }

    /** {@code PowerOffVM_Task(vm)}: a hard power-off, as HA's isolation response "power off". */
    public void powerOff(MoRef vm, long timeoutMs) {
        String what = "PowerOffVM_Task " + vm.value();
        ManagedObjectReference task = session.call(what, (v, sc) -> v.powerOffVM_Task(Session.mor(vm)));
        tasks.await(Session.moRef(task), what, timeoutMs);
    }

    /**
     * {@code ShutdownGuest(vm)}: asks the guest OS to shut down through VMware Tools and returns at
     * once (it is not a task); the VM powers off when the guest is done. HA's isolation response
     * "shut down" uses it. Faults: {@code ToolsUnavailable} without running Tools,
     * {@code InvalidPowerState} when the VM is not powered on.
     */
    public void shutdownGuest(MoRef vm) {
        session.call("ShutdownGuest " + vm.value(), (v, sc) -> {
            v.shutdownGuest(Session.mor(vm));
            return null;
        });
    }

    /**
     * {@code ResetVM_Task(vm)}: a hard reset of a powered-on VM (the guest boots again), as HA's
     * VM monitoring does when the guest heartbeat stops.
     */
    public void reset(MoRef vm, long timeoutMs) {
        String what = "ResetVM_Task " + vm.value();
        ManagedObjectReference task = session.call(what, (v, sc) -> v.resetVM_Task(Session.mor(vm)));
        tasks.await(Session.moRef(task), what, timeoutMs);
    }

    /**
     * {@code RelocateVM_Task(vm, {host})}: moves the VM's registration (a powered-off VM's
     * {@code runtime.host}) to {@code host} with the datastore unchanged, the cold migration HA
     * needs before powering a VM on a given host where the host argument of
     * {@code PowerOnVM_Task} is not honoured.
     */
    public void relocate(MoRef vm, MoRef host, long timeoutMs) {
        Objects.requireNonNull(host, "host");
        String what = "RelocateVM_Task " + vm.value() + " to " + host.value();
        VirtualMachineRelocateSpec spec = new VirtualMachineRelocateSpec();
        spec.setHost(Session.mor(host));
        ManagedObjectReference task = session.call(what, (v, sc) ->
                v.relocateVM_Task(Session.mor(vm), spec, VirtualMachineMovePriority.defaultPriority));
        tasks.await(Session.moRef(task), what, timeoutMs);
    }

    /**
     * {@code RegisterVM_Task}: adds a VM to the inventory from its configuration file.
     *
     * @param folder  the VM folder to register it in (a datacenter's {@code vmFolder})
     * @param vmxPath the datastore path of the {@code .vmx}, {@code "[LocalDS_0] vm1/vm1.vmx"}
     * @param name    the display name, or null for the one in the file
     * @param pool    the resource pool (required by vCenter for a non-template VM)
     * @param host    the host to register it on, or null to let the server choose within the pool
     * @return the new VM's reference: vCenter assigns a <b>new MOID</b> on every registration
     */
    public MoRef register(MoRef folder, String vmxPath, String name, MoRef pool, MoRef host, long timeoutMs) {
        String what = "RegisterVM_Task " + vmxPath + (host == null ? "" : " on " + host.value());
        ManagedObjectReference task = session.call(what, (v, sc) -> v.registerVM_Task(Session.mor(folder), vmxPath, name,
                false, Session.mor(pool), Session.mor(host)));
        Object result = tasks.await(Session.moRef(task), what, timeoutMs);
        if (result instanceof MoRef ref) {
            return ref;
        }
        throw new VsphereException(VsphereException.Kind.FAULT, "UnexpectedResult", what + ": the task returned "
                + result + " instead of the new VM", null);
    }

    /** {@code MarkAsTemplate}: turns a powered-off VM into a template, which can no longer be powered on. */
    public void markAsTemplate(MoRef vm) {
        session.call("MarkAsTemplate " + vm.value(), (v, sc) -> {
            v.markAsTemplate(Session.mor(vm));
            return null;
        });
    }

    /** {@code UnregisterVM}: removes a (powered-off) VM from the inventory, keeping its files. */
    public void unregister(MoRef vm) {
        session.call("UnregisterVM " + vm.value(), (v, sc) -> {
            v.unregisterVM(Session.mor(vm));
            return null;
        });
    }
}
