package io.openfdm.core.config;

/**
 * The cluster's HA policy, as vSphere's {@code ClusterDasConfigInfo} holds it.
 *
 * @param hostMonitoring    vSphere's {@code hostMonitoring = enabled}: the master restarts the VMs
 *                          of failed hosts. False means it still protects VMs (the protectedlist is
 *                          kept) but restarts none, as vSphere does with host monitoring disabled.
 *                          Default true.
 * @param isolationResponse the cluster's isolation response (default {@link IsolationResponse#NONE},
 *                          "leave powered on"); per-VM overrides may replace it. An isolated host
 *                          applies it (see {@link IsolationPolicy}).
 * @param admissionControl  vSphere's {@code admissionControlEnabled} (default true). Carried and
 *                          shown, not acted upon yet: placement only checks the target's free
 *                          capacity (the "Failure semantics" issue).
 * @param isolation         isolation addresses, policy delay and shutdown timeout; null means
 *                          {@link IsolationPolicy#defaults()}
 * @param vmMonitoring      VM monitoring (resets of VMs whose guest heartbeat stopped); null is
 *                          read as {@link VmMonitoringPolicy#disabled()}, vSphere's default
 */
public record HaPolicy(boolean hostMonitoring, IsolationResponse isolationResponse, boolean admissionControl,
                       IsolationPolicy isolation, VmMonitoringPolicy vmMonitoring) {

    public HaPolicy {
        isolation = isolation == null ? IsolationPolicy.defaults() : isolation;
        vmMonitoring = vmMonitoring == null ? VmMonitoringPolicy.disabled() : vmMonitoring;
    }

    /** A policy with the default {@link IsolationPolicy} and VM monitoring disabled. */
    public HaPolicy(boolean hostMonitoring, IsolationResponse isolationResponse, boolean admissionControl) {
        this(hostMonitoring, isolationResponse, admissionControl, IsolationPolicy.defaults(), VmMonitoringPolicy.disabled());
    }

    /** A policy with VM monitoring disabled. */
    public HaPolicy(boolean hostMonitoring, IsolationResponse isolationResponse, boolean admissionControl,
                    IsolationPolicy isolation) {
        this(hostMonitoring, isolationResponse, admissionControl, isolation, VmMonitoringPolicy.disabled());
    }

    /** A policy with the default {@link IsolationPolicy}. */
    public HaPolicy(boolean hostMonitoring, IsolationResponse isolationResponse, boolean admissionControl,
                    VmMonitoringPolicy vmMonitoring) {
        this(hostMonitoring, isolationResponse, admissionControl, IsolationPolicy.defaults(), vmMonitoring);
    }

    /** vSphere's defaults: host monitoring on, leave powered on, admission control on, VM monitoring off. */
    public static HaPolicy defaults() {
        return new HaPolicy(true, IsolationResponse.NONE, true);
    }

    /** This policy with another VM monitoring policy. */
    public HaPolicy withVmMonitoring(VmMonitoringPolicy policy) {
        return new HaPolicy(hostMonitoring, isolationResponse, admissionControl, isolation, policy);
    }

    /**
     * @param prefix the JSON path of this object, used in the error (e.g. {@code cluster.ha})
     * @throws ConfigException naming the field that breaks a rule
     */
    public void validate(String prefix) {
        if (isolationResponse == null) {
            throw new ConfigException(prefix + ".isolationResponse", "is required, one of " + IsolationResponse.wireNames());
        }
        isolation.validate(prefix + ".isolation");
        vmMonitoring.validate(prefix + ".vmMonitoring");
    }
}
