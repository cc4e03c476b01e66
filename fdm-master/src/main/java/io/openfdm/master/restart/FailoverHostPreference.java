package io.openfdm.master.restart;

import io.openfdm.core.config.AdmissionControlPolicy;
import io.openfdm.core.config.HaPolicy;
import io.openfdm.core.model.HostId;

import java.util.Set;

/**
 * The dedicated failover hosts a restart goes to first. Pure.
 *
 * <p>vSphere: "When a host fails with this policy in place, vSphere HA attempts to restart its
 * virtual machines on a dedicated failover host. If this is not possible, for example the failover
 * host itself has failed or it has insufficient resources, HA attempts to restart those virtual
 * machines on another host in the cluster." ([API] {@code ClusterFailoverHostAdmissionControlPolicy},
 * developer.broadcom.com vSphere Web Services API 7.0U1; the reference sheet §2 lists the policy
 * only.)
 *
 * <p>So, when admission control is enabled ({@code ha.admissionControl}) and its policy is
 * {@code failoverHosts}, {@link io.openfdm.master.Placement} ranks every qualifying failover host
 * before every qualifying other host. "Qualifying" is unchanged: a failover host that is down, in
 * maintenance or standby, has not reported, cannot reach the VM's datastore, has no room, is at
 * the per-host power-on limit or is excluded by a hard rule is simply not chosen, and the VM goes
 * to another host. Under any other policy, or with admission control disabled, no host is
 * preferred.
 */
public final class FailoverHostPreference {
    private static final FailoverHostPreference NONE = new FailoverHostPreference(Set.of());

    private final Set<HostId> failoverHosts;

    private FailoverHostPreference(Set<HostId> failoverHosts) {
        this.failoverHosts = Set.copyOf(failoverHosts);
    }

    /** No host preferred. */
    public static FailoverHostPreference none() {
        return NONE;
    }

    /** The failover hosts of {@code policy} when its admission control is enabled with the failoverHosts policy. */
    public static FailoverHostPreference of(HaPolicy policy) {
        AdmissionControlPolicy p = policy.admissionControlPolicy();
        if (!policy.admissionControl() || p == null || p.policy() != AdmissionControlPolicy.Kind.FAILOVER_HOSTS) {
            return NONE;
        }
        return new FailoverHostPreference(Set.copyOf(p.failoverHosts()));
    }

    /** The preferred hosts (empty: none). */
    public Set<HostId> failoverHosts() {
        return failoverHosts;
    }

    /** 0 for a failover host, or for any host when none is preferred; 1 for another host. */
    public int rank(HostId host) {
        return failoverHosts.isEmpty() || failoverHosts.contains(host) ? 0 : 1;
    }
}
