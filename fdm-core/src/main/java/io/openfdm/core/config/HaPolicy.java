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
 */
public record HaPolicy(boolean hostMonitoring, IsolationResponse isolationResponse, boolean admissionControl,
                       IsolationPolicy isolation) {

    public HaPolicy {
        isolation = isolation == null ? IsolationPolicy.defaults() : isolation;
    }

    /** A policy with the default {@link IsolationPolicy}. */
    public HaPolicy(boolean hostMonitoring, IsolationResponse isolationResponse, boolean admissionControl) {
        this(hostMonitoring, isolationResponse, admissionControl, IsolationPolicy.defaults());
    }

    /** vSphere's defaults: host monitoring on, leave powered on, admission control on. */
    public static HaPolicy defaults() {
        return new HaPolicy(true, IsolationResponse.NONE, true);
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
    }
}
