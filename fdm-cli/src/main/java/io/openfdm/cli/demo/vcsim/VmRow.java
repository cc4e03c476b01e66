package io.openfdm.cli.demo.vcsim;

import io.openfdm.vsphere.property.ObjectProperties;

/**
 * One VM as vCenter reports it.
 *
 * @param moid     the VM's MOID ({@code vm-58}); vCenter gives a re-registered VM a new one
 * @param name     display name
 * @param vmxPath  {@code config.files.vmPathName}, {@code [LocalDS_0] DC0_C0_RP0_VM0/DC0_C0_RP0_VM0.vmx}: the
 *                 VM's identity across registrations
 * @param host     MOID of {@code runtime.host}, or "" when vCenter reports none
 * @param power    {@code runtime.powerState}: {@code poweredOn}, {@code poweredOff} or {@code suspended}
 * @param template {@code config.template}
 */
public record VmRow(String moid, String name, String vmxPath, String host, String power, boolean template) {
    /** vSphere's {@code VirtualMachinePowerState.poweredOn}. */
    public static final String POWERED_ON = "poweredOn";

    static VmRow of(ObjectProperties o) {
        return new VmRow(o.ref().value(), o.string("name").orElse(o.ref().value()),
                o.string("config.files.vmPathName").orElse(""),
                o.moRef("runtime.host").map(r -> r.value()).orElse(""),
                o.string("runtime.powerState").orElse(""), o.bool("config.template", false));
    }

    public boolean poweredOn() {
        return POWERED_ON.equals(power);
    }
}
