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
 * @param admissionControl  vSphere's {@code admissionControlEnabled} (default true); false
 *                          disables whatever {@code admissionControlPolicy} says, as in vSphere
 * @param isolation         isolation addresses, policy delay and shutdown timeout; null means
 *                          {@link IsolationPolicy#defaults()}
 * @param vmMonitoring      VM monitoring (resets of VMs whose guest heartbeat stopped); null is
 *                          read as {@link VmMonitoringPolicy#disabled()}, vSphere's default
 * @param admissionControlPolicy the admission control policy written in the configuration
 *                          ({@code ha.admissionControlPolicy}), or null when none is written: the
 *                          master then computes the capacity with
 *                          {@link AdmissionControlPolicy#defaults()} but journals no warning, so
 *                          a configuration from before the policy existed keeps its journal
 */
public record HaPolicy(boolean hostMonitoring, IsolationResponse isolationResponse, boolean admissionControl,
                       IsolationPolicy isolation, VmMonitoringPolicy vmMonitoring,
                       AdmissionControlPolicy admissionControlPolicy) {

    public HaPolicy {
        isolation = isolation == null ? IsolationPolicy.defaults() : isolation;
        vmMonitoring = vmMonitoring == null ? VmMonitoringPolicy.disabled() : vmMonitoring;
    }

    /**
     * A policy with the default {@link IsolationPolicy}, VM monitoring disabled and no written
     * admission control policy.
     */
    public HaPolicy(boolean hostMonitoring, IsolationResponse isolationResponse, boolean admissionControl) {
        this(hostMonitoring, isolationResponse, admissionControl, IsolationPolicy.defaults(), VmMonitoringPolicy.disabled(),
                null);
    }

    /** A policy without a written admission control policy. */
    public HaPolicy(boolean hostMonitoring, IsolationResponse isolationResponse, boolean admissionControl,
                    IsolationPolicy isolation, VmMonitoringPolicy vmMonitoring) {
        this(hostMonitoring, isolationResponse, admissionControl, isolation, vmMonitoring, null);
    }

    /** A policy with VM monitoring disabled and no written admission control policy. */
    public HaPolicy(boolean hostMonitoring, IsolationResponse isolationResponse, boolean admissionControl,
                    IsolationPolicy isolation) {
        this(hostMonitoring, isolationResponse, admissionControl, isolation, VmMonitoringPolicy.disabled(), null);
    }

    /** A policy with the default {@link IsolationPolicy} and no written admission control policy. */
    public HaPolicy(boolean hostMonitoring, IsolationResponse isolationResponse, boolean admissionControl,
                    VmMonitoringPolicy vmMonitoring) {
        this(hostMonitoring, isolationResponse, admissionControl, IsolationPolicy.defaults(), vmMonitoring, null);
    }

    /** A policy with the default {@link IsolationPolicy}, VM monitoring disabled, and this admission control policy. */
    public HaPolicy(boolean hostMonitoring, IsolationResponse isolationResponse, boolean admissionControl,
                    AdmissionControlPolicy admissionControlPolicy) {
        this(hostMonitoring, isolationResponse, admissionControl, IsolationPolicy.defaults(), VmMonitoringPolicy.disabled(),
                admissionControlPolicy);
    }

    /** vSphere's defaults: host monitoring on, leave powered on, admission control on, VM monitoring off. */
    public static HaPolicy defaults() {
        return new HaPolicy(true, IsolationResponse.NONE, true);
    }

    /** This policy with another VM monitoring policy. */
    public HaPolicy withVmMonitoring(VmMonitoringPolicy policy) {
        return new HaPolicy(hostMonitoring, isolationResponse, admissionControl, isolation, policy, admissionControlPolicy);
    }

    /** This policy with another written admission control policy (null: none written). */
    public HaPolicy withAdmissionControlPolicy(AdmissionControlPolicy policy) {
        return new HaPolicy(hostMonitoring, isolationResponse, admissionControl, isolation, vmMonitoring, policy);
    }

    /**
     * The admission control policy in force: disabled when {@code admissionControl} is false,
     * else the written policy, else {@link AdmissionControlPolicy#defaults()}.
     */
    public AdmissionControlPolicy admissionControlInForce() {
        if (!admissionControl) {
            return AdmissionControlPolicy.disabled();
        }
        return admissionControlPolicy == null ? AdmissionControlPolicy.defaults() : admissionControlPolicy;
    }

    /** Whether the master journals admission control warnings: a policy is written and enabled. */
    public boolean admissionControlWarnings() {
        return admissionControl && admissionControlPolicy != null
                && admissionControlPolicy.policy() != AdmissionControlPolicy.Kind.DISABLED;
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
