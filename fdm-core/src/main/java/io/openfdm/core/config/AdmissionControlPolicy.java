package io.openfdm.core.config;

import io.openfdm.core.model.HostId;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How much failover capacity the cluster keeps, as vSphere HA's admission control policies
 * (vSphere 6.5+: "Host failures cluster tolerates", then one way to define the failover capacity:
 * slot policy, cluster resource percentage, dedicated failover hosts, or disabled; reference §2
 * "Admission control"). In {@code cluster.json} it is {@code ha.admissionControlPolicy}.
 *
 * <p>OpenFDM computes the current failover capacity from it and warns when the cluster cannot
 * tolerate the configured failures ({@code ADMISSION_CONTROL_WARNING}); it does not refuse
 * power-ons, because OpenFDM powers VMs on only to restart them (vCenter, not HA, refuses a
 * user's power-on in vSphere).
 *
 * @param policy                 which policy; {@link Kind#DISABLED} computes and shows the
 *                               capacity but never warns
 * @param hostFailuresToTolerate N, vSphere's {@code failoverLevel}: how many host failures the
 *                               cluster must survive with room for every protected VM; >= 0,
 *                               default 1
 * @param slotCpuMhz             slot policy only: a fixed CPU slot size in MHz (the 6.5 UI's
 *                               "fixed slot size", vSphere's advanced option
 *                               {@code das.slotCpuInMHz}), or 0 for the largest CPU reservation of
 *                               a protected VM (at least {@link #MIN_SLOT_CPU_MHZ})
 * @param slotMemoryMb           slot policy only: a fixed memory slot size in MiB
 *                               ({@code das.slotMemInMB}), or 0 for the largest memory reservation
 * @param cpuFailoverPercent     percentage policy only: share of the live hosts' CPU kept free for
 *                               failover, 0-100, or null to derive it from N (the share of the N
 *                               largest hosts, as vSphere 6.5 computes it by default)
 * @param memoryFailoverPercent  percentage policy only: likewise for memory
 * @param failoverHosts          failover-hosts policy only: MOIDs of the dedicated failover hosts,
 *                               at least one; they run no VMs except restarted ones
 */
public record AdmissionControlPolicy(Kind policy, int hostFailuresToTolerate, int slotCpuMhz, int slotMemoryMb,
                                     Integer cpuFailoverPercent, Integer memoryFailoverPercent,
                                     List<HostId> failoverHosts) {

    /**
     * The smallest CPU slot, MHz, when no protected VM reserves more: vSphere's
     * {@code das.vmCpuMinMHz} default of 32 MHz (vSphere HA Deepdive, advanced settings;
     * not in the reference sheet, from memory).
     */
    public static final int MIN_SLOT_CPU_MHZ = 32;

    /** vSphere's four choices, by the names {@code cluster.json} uses. */
    public enum Kind {
        /** Host failures cluster tolerates, counted in slots ({@code ClusterFailoverLevelAdmissionControlPolicy}). */
        SLOT_POLICY("slotPolicy"),
        /** Percentage of cluster resources reserved ({@code ClusterFailoverResourcesAdmissionControlPolicy}). */
        RESOURCE_PERCENTAGE("resourcePercentage"),
        /** Dedicated failover hosts ({@code ClusterFailoverHostAdmissionControlPolicy}). */
        FAILOVER_HOSTS("failoverHosts"),
        /** Admission control disabled. */
        DISABLED("disabled");

        private final String wireName;

        Kind(String wireName) {
            this.wireName = wireName;
        }

        /** The name in {@code cluster.json}: {@code slotPolicy}, {@code resourcePercentage}, ... */
        public String wireName() {
            return wireName;
        }

        /** The kind with this name (exact case), if it is one. */
        public static Optional<Kind> fromWireName(String name) {
            return Arrays.stream(values()).filter(k -> k.wireName.equals(name)).findFirst();
        }

        /** Every name, for error messages. */
        public static List<String> wireNames() {
            return Arrays.stream(values()).map(Kind::wireName).toList();
        }
    }

    public AdmissionControlPolicy {
        failoverHosts = failoverHosts == null ? List.of() : List.copyOf(failoverHosts);
    }

    /**
     * What a cluster runs with when {@code cluster.json} names no policy: vSphere 6.5's default,
     * one host failure tolerated, capacity as a cluster resource percentage derived from it.
     */
    public static AdmissionControlPolicy defaults() {
        return percentage(1, null, null);
    }

    /** Admission control disabled. */
    public static AdmissionControlPolicy disabled() {
        return new AdmissionControlPolicy(Kind.DISABLED, 0, 0, 0, null, null, List.of());
    }

    /** The slot policy; {@code slotCpuMhz}/{@code slotMemoryMb} 0 for the largest reservation. */
    public static AdmissionControlPolicy slots(int hostFailuresToTolerate, int slotCpuMhz, int slotMemoryMb) {
        return new AdmissionControlPolicy(Kind.SLOT_POLICY, hostFailuresToTolerate, slotCpuMhz, slotMemoryMb, null, null,
                List.of());
    }

    /** The percentage policy; null percentages are derived from {@code hostFailuresToTolerate}. */
    public static AdmissionControlPolicy percentage(int hostFailuresToTolerate, Integer cpuPercent, Integer memoryPercent) {
        return new AdmissionControlPolicy(Kind.RESOURCE_PERCENTAGE, hostFailuresToTolerate, 0, 0, cpuPercent,
                memoryPercent, List.of());
    }

    /** Dedicated failover hosts; the cluster must tolerate {@code hostFailuresToTolerate} failures. */
    public static AdmissionControlPolicy failoverHosts(int hostFailuresToTolerate, List<HostId> hosts) {
        return new AdmissionControlPolicy(Kind.FAILOVER_HOSTS, hostFailuresToTolerate, 0, 0, null, null, hosts);
    }

    /** Whether {@code host} is one of the dedicated failover hosts of this policy. */
    public boolean isFailoverHost(HostId host) {
        return policy == Kind.FAILOVER_HOSTS && failoverHosts.contains(host);
    }

    /**
     * Checks every field against the policy's rules.
     *
     * @param prefix  the JSON path of this object, e.g. {@code cluster.ha.admissionControlPolicy}
     * @param members the cluster's host MOIDs (failover hosts must be members; N must leave a host)
     * @throws ConfigException naming the field that breaks a rule
     */
    public void validate(String prefix, Set<HostId> members) {
        if (policy == null) {
            throw new ConfigException(prefix + ".policy", "is required, one of " + Kind.wireNames());
        }
        if (policy == Kind.DISABLED) {
            return;
        }
        if (hostFailuresToTolerate < 0) {
            throw new ConfigException(prefix + ".hostFailuresToTolerate", "must be >= 0, was " + hostFailuresToTolerate);
        }
        if (hostFailuresToTolerate >= Math.max(1, members.size())) {
            throw new ConfigException(prefix + ".hostFailuresToTolerate", "must be smaller than the number of hosts ("
                    + members.size() + "), was " + hostFailuresToTolerate);
        }
        if (slotCpuMhz < 0) {
            throw new ConfigException(prefix + ".slotCpuMhz", "must be >= 0 (0: the largest CPU reservation), was " + slotCpuMhz);
        }
        if (slotMemoryMb < 0) {
            throw new ConfigException(prefix + ".slotMemoryMb", "must be >= 0 (0: the largest memory reservation), was "
                    + slotMemoryMb);
        }
        checkPercent(prefix + ".cpuFailoverPercent", cpuFailoverPercent);
        checkPercent(prefix + ".memoryFailoverPercent", memoryFailoverPercent);
        if (policy == Kind.FAILOVER_HOSTS) {
            if (failoverHosts.isEmpty()) {
                throw new ConfigException(prefix + ".failoverHosts", "must name at least one host for the failoverHosts policy");
            }
            Set<HostId> seen = new HashSet<>();
            for (int i = 0; i < failoverHosts.size(); i++) {
                HostId h = failoverHosts.get(i);
                if (h == null || !members.contains(h)) {
                    throw new ConfigException(prefix + ".failoverHosts[" + i + "]", "names unknown host " + h);
                }
                if (!seen.add(h)) {
                    throw new ConfigException(prefix + ".failoverHosts[" + i + "]", "duplicate host " + h);
                }
            }
            if (seen.size() >= members.size()) {
                throw new ConfigException(prefix + ".failoverHosts", "must leave at least one host that is not a failover host");
            }
        } else if (!failoverHosts.isEmpty()) {
            throw new ConfigException(prefix + ".failoverHosts", "applies only to the failoverHosts policy, not "
                    + policy.wireName());
        }
        if (policy != Kind.SLOT_POLICY && (slotCpuMhz != 0 || slotMemoryMb != 0)) {
            throw new ConfigException(prefix + (slotCpuMhz != 0 ? ".slotCpuMhz" : ".slotMemoryMb"),
                    "applies only to the slotPolicy policy, not " + policy.wireName());
        }
        if (policy != Kind.RESOURCE_PERCENTAGE && (cpuFailoverPercent != null || memoryFailoverPercent != null)) {
            throw new ConfigException(prefix + (cpuFailoverPercent != null ? ".cpuFailoverPercent" : ".memoryFailoverPercent"),
                    "applies only to the resourcePercentage policy, not " + policy.wireName());
        }
    }

    private static void checkPercent(String field, Integer value) {
        if (value != null && (value < 0 || value > 100)) {
            throw new ConfigException(field, "must be 0-100, was " + value);
        }
    }
}
