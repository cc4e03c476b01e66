package io.openfdm.core.wire;

import io.openfdm.core.model.VmInfo;

import java.util.List;

/**
 * A slave's whole VM inventory, sent to the master when the master's acknowledged inventory
 * version differs from the slave's own.
 *
 * @param inventoryVersion the version this report describes
 * @param bootId           identifies the slave's current boot (its agent's start time, wall ms):
 *                         a protected VM found powered off after the boot id changed went down
 *                         with its host, it was not powered off by a user
 * @param vms              every VM registered on the slave, powered on or off
 */
public record VmReport(long inventoryVersion, long bootId, List<VmInfo> vms) implements Message {
    public static final int TYPE = 4;

    public VmReport {
        vms = List.copyOf(vms);
    }

    @Override
    public int typeCode() {
        return TYPE;
    }
}
