package io.openfdm.core.config;

/**
 * The cluster's HA policy, as vSphere's {@code ClusterDasConfigInfo} holds it.
 *
 * @param hostMonitoring    vSphere's {@code hostMonitoring = enabled}: the master restarts the VMs
 *                          of failed hosts. False means it still protects VMs (the protectedlist is
 *                          kept) but restarts none, as vSphere does with host monitoring disabled.
 *                          Default true.
 * @param isolationResponse the cluster's isolation response (default {@link IsolationResponse#NONE},
 *                          "leave powered on"); per-VM overrides may replace it. Carried and shown,
 *                          not acted upon yet (the "Failure semantics" issue).
 * @param admissionControl  vSphere's {@code admissionControlEnabled} (default true). Carried and
 *                          shown, not acted upon yet: placement only checks the target's free
 *                          capacity (the "Failure semantics" issue).
 * @param vmMonitoring      VM monitoring (resets of VMs whose guest heartbeat stopped); null is
 *                          read as {@link VmMonitoringPolicy#disabled()}, vSphere's default
 */
public record HaPolicy(boolean hostMonitoring, IsolationResponse isolationResponse, boolean admissionControl,
                       VmMonitoringPolicy vmMonitoring) {

    /** A policy with VM monitoring disabled. */
    public HaPolicy(boolean hostMonitoring, IsolationResponse isolationResponse, boolean admissionControl) {
        this(hostMonitoring, isolationResponse, admissionControl, VmMonitoringPolicy.disabled());
    }

    public HaPolicy {
        if (vmMonitoring == null) {
            vmMonitoring = VmMonitoringPolicy.disabled();
        }
    }

    /** vSphere's defaults: host monitoring on, leave powered on, admission control on, VM monitoring off. */
    public static HaPolicy defaults() {
        return new HaPolicy(true, IsolationResponse.NONE, true);
    }

    /** This policy with another VM monitoring policy. */
    public HaPolicy withVmMonitoring(VmMonitoringPolicy policy) {
        return new HaPolicy(hostMonitoring, isolationResponse, admissionControl, policy);
    }

    /**
     * @param prefix the JSON path of this object, used in the error (e.g. {@code cluster.ha})
     * @throws ConfigException naming the field that breaks a rule
     */
    public void validate(String prefix) {
        if (isolationResponse == null) {
            throw new ConfigException(prefix + ".isolationResponse", "is required, one of " + IsolationResponse.wireNames());
        }
        vmMonitoring.validate(prefix + ".vmMonitoring");
    }
}
