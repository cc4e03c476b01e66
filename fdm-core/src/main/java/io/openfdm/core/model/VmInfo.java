package io.openfdm.core.model;

import java.util.Objects;

/**
 * What a host reports about one of its VMs.
 *
 * @param id            the VM's MOID
 * @param name          display name
 * @param homeDatastore name of the datastore holding the VM's configuration (the datastore whose
 *                      protectedlist lease decides which master may restart it)
 * @param power         power state on the reporting host
 * @param cpuMhz        CPU reservation in MHz (0 = none)
 * @param memoryMb      memory reservation in MiB (0 = none)
 * @param priority      restart priority
 * @param guestHeartbeat the guest heartbeat status ({@link GuestHeartbeat#GRAY} when unknown;
 *                      null is read as GRAY; on the wire the field is required, see
 *                      docs/wire-protocol.md "Versions and mixed clusters")
 */
public record VmInfo(VmId id, String name, String homeDatastore, PowerState power,
                     int cpuMhz, int memoryMb, RestartPriority priority, GuestHeartbeat guestHeartbeat) {
    /** A VM whose guest heartbeat is unknown ({@link GuestHeartbeat#GRAY}). */
    public VmInfo(VmId id, String name, String homeDatastore, PowerState power,
                  int cpuMhz, int memoryMb, RestartPriority priority) {
        this(id, name, homeDatastore, power, cpuMhz, memoryMb, priority, GuestHeartbeat.GRAY);
    }

    public VmInfo {
        if (guestHeartbeat == null) {
            guestHeartbeat = GuestHeartbeat.GRAY;
        }
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(homeDatastore, "homeDatastore");
        Objects.requireNonNull(power, "power");
        Objects.requireNonNull(priority, "priority");
        if (cpuMhz < 0 || memoryMb < 0) {
            throw new IllegalArgumentException("reservations must be >= 0");
        }
    }

    public boolean poweredOn() {
        return power == PowerState.POWERED_ON;
    }

    public VmInfo withPower(PowerState newPower) {
        return new VmInfo(id, name, homeDatastore, newPower, cpuMhz, memoryMb, priority, guestHeartbeat);
    }

    public VmInfo withGuestHeartbeat(GuestHeartbeat status) {
        return new VmInfo(id, name, homeDatastore, power, cpuMhz, memoryMb, priority, status);
    }
}
