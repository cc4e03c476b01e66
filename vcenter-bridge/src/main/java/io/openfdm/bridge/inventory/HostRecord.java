package io.openfdm.bridge.inventory;

import java.util.List;

/**
 * A host as vCenter reports it.
 *
 * @param moid              vCenter's MOID, e.g. {@code host-21}
 * @param name              display name ({@code name}, usually the host's DNS name or IP)
 * @param managementAddress IP of its management VMkernel NIC ({@code config.network.vnic} on the
 *                          "Management Network" port group, else the first), empty if unknown
 * @param connectionState   {@code runtime.connectionState}: {@code connected}, {@code disconnected},
 *                          {@code notResponding}
 * @param inMaintenanceMode {@code runtime.inMaintenanceMode}
 * @param datastores        MOIDs of the datastores it mounts ({@code datastore}), sorted
 * @param cpuMhz            CPU capacity: {@code summary.hardware.cpuMhz x numCpuCores}, MHz
 * @param memoryMb          memory capacity: {@code summary.hardware.memorySize}, MiB
 * @param powerState        {@code runtime.powerState}: {@code poweredOn}, {@code poweredOff},
 *                          {@code standBy} (DPM), {@code unknown}; empty if unread
 */
public record HostRecord(String moid, String name, String managementAddress, String connectionState,
                         boolean inMaintenanceMode, List<String> datastores, int cpuMhz, int memoryMb, String powerState) {
    public HostRecord {
        datastores = List.copyOf(datastores);
        powerState = powerState == null ? "" : powerState;
    }

    /** A host whose power state was not read. */
    public HostRecord(String moid, String name, String managementAddress, String connectionState,
                      boolean inMaintenanceMode, List<String> datastores, int cpuMhz, int memoryMb) {
        this(moid, name, managementAddress, connectionState, inMaintenanceMode, datastores, cpuMhz, memoryMb, "");
    }
}
