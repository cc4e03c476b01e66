package io.openfdm.core.journal;

/** What a journal event records. */
public enum EventKind {
    AGENT_STARTED,
    ELECTION_STARTED,
    ROLE_CHANGED,
    HOST_STATE_CHANGED,
    LEASE_ACQUIRED,
    LEASE_LOST,
    PROTECTION_CHANGED,
    RESTART_REQUESTED,
    RESTART_SUCCEEDED,
    RESTART_FAILED,
    /** A slave carried out a master's power-on (or register-only) request. */
    VM_POWERED_ON,
    PROTECTEDLIST_REBUILT,
    CONFIG_CHANGED,
    /**
     * The master left the VMs of a failed host powered off on purpose: the cluster's host
     * monitoring is disabled (vSphere HA then restarts nothing).
     */
    RESTART_SKIPPED,
    /**
     * This host declared itself isolated: it heard no agent and none of its isolation addresses
     * answered (VMware: {@code networkIsolated}).
     */
    HOST_ISOLATED,
    /** This host's isolation ended: an isolation address answered or another agent was heard. */
    HOST_ISOLATION_ENDED,
    /**
     * The isolated host applied (or held back) its isolation response to a VM: guest shutdown,
     * power-off, or left powered on.
     */
    ISOLATION_RESPONSE,
    /** A host entered or left maintenance or standby mode (its agent, and the master that heard it). */
    HOST_MODE_CHANGED,
    /** VM monitoring reset a VM whose guest heartbeat had stopped, or failed to. */
    VM_RESET,
    /** VM monitoring left a VM alone although its heartbeat stopped: its resets in the window are used up. */
    VM_RESET_LIMIT_REACHED,
    /**
     * The master's admission control: the cluster can no longer tolerate the host failures its
     * policy asks for (vSphere: "Insufficient vSphere HA failover resources"). Journaled once per
     * change, and only for a policy written in the configuration.
     */
    ADMISSION_CONTROL_WARNING,
    /** The cluster tolerates the configured host failures again, after a warning. */
    ADMISSION_CONTROL_OK
}
