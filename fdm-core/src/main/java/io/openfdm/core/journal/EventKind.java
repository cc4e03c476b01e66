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
     * The master's admission control: the cluster can no longer tolerate the host failures its
     * policy asks for (vSphere: "Insufficient vSphere HA failover resources"). Journaled once per
     * change, and only for a policy written in the configuration.
     */
    ADMISSION_CONTROL_WARNING,
    /** The cluster tolerates the configured host failures again, after a warning. */
    ADMISSION_CONTROL_OK
}
