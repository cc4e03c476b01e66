package io.openfdm.hostd.sim;

import io.openfdm.core.model.HostId;
import io.openfdm.core.model.RestartPriority;
import io.openfdm.core.model.VmId;

import java.util.Objects;

/**
 * A simulated VM's configuration file {@code <datastore>/<vm>/<vm>.json} (the stand-in for
 * VMware's {@code .vmx}). Plain JSON, meant to be written by hand too; see {@link VmConfigFormat}
 * for the exact format and defaults:
 * <pre>
 * {"moid":"vm-1","name":"web-1","cpuMhz":500,"memoryMb":1024,"priority":"MEDIUM","registeredHost":"host-2"}
 * </pre>
 *
 * @param moid           the VM's MOID; must equal its directory name
 * @param name           display name
 * @param cpuMhz         CPU reservation in MHz, >= 0
 * @param memoryMb       memory reservation in MiB, >= 0
 * @param priority       restart priority
 * @param registeredHost the host the VM is registered on (the only one that may power it on), or
 *                       null if none
 */
public record VmConfig(VmId moid, String name, int cpuMhz, int memoryMb, RestartPriority priority, HostId registeredHost) {
    public VmConfig {
        Objects.requireNonNull(moid, "moid");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(priority, "priority");
        if (cpuMhz < 0 || memoryMb < 0) {
            throw new IllegalArgumentException("reservations must be >= 0");
        }
    }

    /** The same configuration registered on {@code host} (null: unregistered). */
    public VmConfig withRegisteredHost(HostId host) {
        return new VmConfig(moid, name, cpuMhz, memoryMb, priority, host);
    }
}
