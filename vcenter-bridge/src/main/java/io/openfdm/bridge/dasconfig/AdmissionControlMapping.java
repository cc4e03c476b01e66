package io.openfdm.bridge.dasconfig;

import io.openfdm.core.config.AdmissionControlPolicy;
import io.openfdm.core.model.HostId;
import io.openfdm.vsphere.MoRef;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * vSphere's admission control ({@code dasConfig.admissionControlEnabled},
 * {@code dasConfig.admissionControlPolicy}; vSphere API reference) to {@link AdmissionControlPolicy}:
 * <ul>
 *   <li>{@code admissionControlEnabled = false}: disabled (unset means enabled, vSphere's default).</li>
 *   <li>{@code ClusterFailoverLevelAdmissionControlPolicy}: the slot policy, N = {@code failoverLevel};
 *       a {@code slotPolicy} ({@code ClusterFixedSizeSlotPolicy}) gives the fixed slot size,
 *       {@code cpu} MHz and {@code memory} MB.</li>
 *   <li>{@code ClusterFailoverResourcesAdmissionControlPolicy}: the percentage policy with
 *       {@code cpuFailoverResourcesPercent} / {@code memoryFailoverResourcesPercent} (0-100); N =
 *       {@code failoverLevel} where the API has it (6.5+), else 1; {@code autoComputePercentages = true}
 *       (6.5+) derives the percentages from N.</li>
 *   <li>{@code ClusterFailoverHostAdmissionControlPolicy}: dedicated failover hosts,
 *       {@code failoverHosts}; hosts that are not members (disconnected) are left out, as vSphere HA
 *       cannot use them either; N = {@code failoverLevel} (6.5+) else the number of failover hosts.</li>
 *   <li>No policy: the older {@code dasConfig.failoverLevel}, if set, as the slot policy; else none
 *       written (the agents compute with the default and journal no warning).</li>
 * </ul>
 * N must leave a host: {@code failoverLevel} &gt;= the number of members is an error, as are
 * negative values, percentages outside 0-100, and policy types this mapping does not know.
 */
final class AdmissionControlMapping {
    static final String LEVEL = "ClusterFailoverLevelAdmissionControlPolicy";
    static final String RESOURCES = "ClusterFailoverResourcesAdmissionControlPolicy";
    static final String HOSTS = "ClusterFailoverHostAdmissionControlPolicy";

    /**
     * @param enabled vSphere's {@code admissionControlEnabled}
     * @param policy  the policy to write ({@code ha.admissionControlPolicy}), or null for none
     */
    record Result(boolean enabled, AdmissionControlPolicy policy) {
    }

    private AdmissionControlMapping() {
    }

    /**
     * @param members the configuration's hosts
     * @throws DasConfigException naming the bad field
     */
    static Result map(DasFields dasConfig, Set<HostId> members) {
        if (!dasConfig.bool("admissionControlEnabled").orElse(true)) {
            return new Result(false, AdmissionControlPolicy.disabled());
        }
        DasFields p = dasConfig.object("admissionControlPolicy");
        if (!p.reported()) {
            Optional<Long> level = dasConfig.number("failoverLevel");
            return new Result(true, level.isEmpty() ? null
                    : AdmissionControlPolicy.slots(level(dasConfig, "failoverLevel", level.get(), members), 0, 0));
        }
        return new Result(true, switch (p.type()) {
            case LEVEL -> {
                int n = level(p, "failoverLevel", p.number("failoverLevel").orElse(1L), members);
                DasFields slot = p.object("slotPolicy");
                yield AdmissionControlPolicy.slots(n, nonNegative(slot, "cpu"), nonNegative(slot, "memory"));
            }
            case RESOURCES -> {
                int n = level(p, "failoverLevel", p.number("failoverLevel").orElse(1L), members);
                if (p.bool("autoComputePercentages").orElse(false)) {
                    yield AdmissionControlPolicy.percentage(n, null, null);
                }
                yield AdmissionControlPolicy.percentage(n, percent(p, "cpuFailoverResourcesPercent"),
                        percent(p, "memoryFailoverResourcesPercent"));
            }
            case HOSTS -> {
                List<HostId> hosts = new ArrayList<>();
                for (Object o : p.list("failoverHosts")) {
                    if (o instanceof MoRef ref && members.contains(HostId.of(ref.value()))
                            && !hosts.contains(HostId.of(ref.value()))) {
                        hosts.add(HostId.of(ref.value()));
                    }
                }
                if (hosts.isEmpty()) {
                    throw new DasConfigException(p.field("failoverHosts"), "names no connected host of the cluster");
                }
                int n = level(p, "failoverLevel", p.number("failoverLevel").orElse((long) hosts.size()), members);
                yield AdmissionControlPolicy.failoverHosts(n, hosts);
            }
            default -> throw new DasConfigException(p.field("_type"), "must be one of " + LEVEL + ", " + RESOURCES + ", "
                    + HOSTS + ", was " + (p.type().isEmpty() ? "unset" : p.type()));
        });
    }

    private static int level(DasFields o, String name, long value, Set<HostId> members) {
        if (value < 0) {
            throw new DasConfigException(o.field(name), "must be >= 0, was " + value);
        }
        if (value >= Math.max(1, members.size())) {
            throw new DasConfigException(o.field(name), "must be smaller than the number of hosts OpenFDM protects the"
                    + " cluster with (" + members.size() + "), was " + value);
        }
        return (int) value;
    }

    private static int nonNegative(DasFields o, String name) {
        long v = o.number(name).orElse(0L);
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw new DasConfigException(o.field(name), "must be >= 0, was " + v);
        }
        return (int) v;
    }

    private static Integer percent(DasFields o, String name) {
        long v = o.number(name).orElse(0L);
        if (v < 0 || v > 100) {
            throw new DasConfigException(o.field(name), "must be 0-100, was " + v);
        }
        return (int) v;
    }
}
