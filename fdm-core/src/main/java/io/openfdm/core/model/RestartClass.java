package io.openfdm.core.model;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What kind of VM a protected VM is, for the restart order. vSphere HA restarts agent VMs first,
 * then FT secondary VMs, then the other VMs by restart priority: "Agent VMs take precedence during
 * the restart procedure as the 'regular' virtual machines may rely on them", and "besides agent
 * virtual machines, HA also prioritizes FT secondary machines" (vSphere HA Deepdive,
 * restarting_virtual_machines.md, "Restart Priority and Order"; reference sheet §2 "Restart
 * order" [DD]).
 *
 * <p>In {@code cluster.json} it is {@code vmOverrides[].restartClass}, by the names below. The
 * vcenter-bridge derives it from vSphere: {@code VirtualMachineConfigInfo.managedBy.extensionKey}
 * {@code "com.vmware.vim.eam"} (a VM that ESX Agent Manager deployed) is an agent VM, and
 * {@code config.ftInfo} of type {@code FaultToleranceSecondaryConfigInfo} is an FT secondary.
 */
public enum RestartClass {
    /** An agent VM (ESX Agent Manager-managed, e.g. a virtual storage appliance): restarted first. */
    AGENT_VM("agentVm", 2),
    /** The secondary VM of a Fault Tolerance pair: restarted after agent VMs, before the others. */
    FT_SECONDARY("ftSecondary", 1),
    /** Any other VM: ordered by restart priority only. The default. */
    ORDINARY("ordinary", 0);

    private final String wireName;
    private final int precedence;

    RestartClass(String wireName, int precedence) {
        this.wireName = wireName;
        this.precedence = precedence;
    }

    /** The name in {@code cluster.json}: {@code agentVm}, {@code ftSecondary} or {@code ordinary}. */
    public String wireName() {
        return wireName;
    }

    /** 2 for agent VMs, 1 for FT secondaries, 0 for the others: a larger value restarts earlier. */
    public int precedence() {
        return precedence;
    }

    /** The class with this name (exact case), if it is one. */
    public static Optional<RestartClass> fromWireName(String name) {
        return Arrays.stream(values()).filter(c -> c.wireName.equals(name)).findFirst();
    }

    /** Every name, for error messages: {@code [agentVm, ftSecondary, ordinary]}. */
    public static List<String> wireNames() {
        return Arrays.stream(values()).map(RestartClass::wireName).toList();
    }
}
