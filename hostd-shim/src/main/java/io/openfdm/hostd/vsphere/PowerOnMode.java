package io.openfdm.hostd.vsphere;

import java.util.Locale;

/**
 * How {@link VsphereHypervisor} powers a VM on on its own host.
 *
 * <ul>
 *   <li>{@code HOST_ARGUMENT}: {@code PowerOnVM_Task(vm, host)}. vCenter places the VM on that host
 *       (vSphere API reference, VirtualMachine.PowerOnVM_Task, parameter {@code host}: a host of the
 *       VM's compute resource). The result is checked: a server that ignores the argument fails the
 *       call (the VM then runs where the server put it; it is never started twice).</li>
 *   <li>{@code RELOCATE}: {@code RelocateVM_Task(vm, {host})} if the VM is registered on another
 *       host, then {@code PowerOnVM_Task(vm)}. For servers that ignore the host argument, such as
 *       govmomi's vcsim.</li>
 *   <li>{@code AUTO}: {@code RELOCATE} when the server is vcsim ({@code ServerAbout.simulator()}),
 *       else {@code HOST_ARGUMENT}.</li>
 * </ul>
 * Against an ESXi endpoint (one host, no vCenter) both simply power the VM on.
 */
public enum PowerOnMode {
    AUTO,
    HOST_ARGUMENT,
    RELOCATE;

    /** The configuration spelling: {@code auto}, {@code host-argument}, {@code relocate}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Parses {@code auto}, {@code host-argument} or {@code relocate}.
     *
     * @throws IllegalArgumentException for anything else (the message lists the choices)
     */
    public static PowerOnMode parse(String text) {
        for (PowerOnMode m : values()) {
            if (m.configName().equals(text)) {
                return m;
            }
        }
        throw new IllegalArgumentException("must be one of auto, host-argument, relocate; was \"" + text + "\"");
    }
}
