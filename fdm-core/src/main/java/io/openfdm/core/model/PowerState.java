package io.openfdm.core.model;

/** A VM's power state as the hypervisor reports it (vSphere {@code VirtualMachinePowerState}, less suspended). */
public enum PowerState {
    POWERED_ON,
    POWERED_OFF
}
