package io.openfdm.bridge.inventory;

import io.openfdm.core.model.RestartClass;

/**
 * A virtual machine as vCenter reports it.
 *
 * @param moid          vCenter's MOID, e.g. {@code vm-42}
 * @param name          display name
 * @param host          MOID of the host it is registered on ({@code runtime.host}; vcsim's
 *                      {@code host.vm} lists go stale after a relocate, this does not), empty if none
 * @param powerState    {@code runtime.powerState}: {@code poweredOn}, {@code poweredOff}, {@code suspended}
 * @param homeDatastore name of the datastore holding its {@code .vmx} (from
 *                      {@code config.files.vmPathName}, {@code [LocalDS_0] vm1/vm1.vmx}), empty if unknown
 * @param cpuReservationMhz    {@code config.cpuAllocation.reservation}, MHz
 * @param memoryReservationMb  {@code config.memoryAllocation.reservation}, MiB
 * @param template      a template, never powered on, never protected
 * @param restartClass  agent VM ({@code config.managedBy} is ESX Agent Manager), FT secondary
 *                      ({@code config.ftInfo}) or ordinary; null is read as ordinary
 */
public record VmRecord(String moid, String name, String host, String powerState, String homeDatastore,
                       int cpuReservationMhz, int memoryReservationMb, boolean template, RestartClass restartClass) {

    public VmRecord {
        restartClass = restartClass == null ? RestartClass.ORDINARY : restartClass;
    }

    /** An ordinary VM. */
    public VmRecord(String moid, String name, String host, String powerState, String homeDatastore,
                    int cpuReservationMhz, int memoryReservationMb, boolean template) {
        this(moid, name, host, powerState, homeDatastore, cpuReservationMhz, memoryReservationMb, template, RestartClass.ORDINARY);
    }

    public boolean poweredOn() {
        return "poweredOn".equals(powerState);
    }
}
