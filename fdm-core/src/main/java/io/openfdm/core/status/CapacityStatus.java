package io.openfdm.core.status;

import java.util.List;

/**
 * The cluster's failover capacity as the master computes it (admission control, vSphere HA's
 * "current failover capacity"); {@code fdm capacity} prints it. Formulas: docs/failure-semantics.
 *
 * @param policy                  the policy in force, by its {@code cluster.json} name
 *                                ({@code slotPolicy}, {@code resourcePercentage}, {@code failoverHosts},
 *                                {@code disabled})
 * @param configured              whether the policy is written in the configuration (false: vSphere's
 *                                default is computed and shown, and no warning is journaled)
 * @param failuresToTolerate      host failures the policy asks the cluster to tolerate (N)
 * @param failuresTolerated       host failures the cluster tolerates now: the most hosts that can
 *                                fail, largest first, leaving room for every protected VM
 * @param sufficient              whether the cluster meets the policy now (always true when disabled)
 * @param reason                  why it does not, for a person; empty when it does
 * @param slotCpuMhz              slot policy: the slot's CPU size in MHz; 0 for other policies
 * @param slotMemoryMb            slot policy: the slot's memory size in MiB; 0 for other policies
 * @param totalSlots              slot policy: slots of the live hosts; 0 for other policies
 * @param usedSlots               slot policy: slots the protected VMs take (one each); 0 otherwise
 * @param availableSlots          slot policy: slots left after keeping the N largest live hosts'
 *                                slots for failover ({@code total - failover - used}, may be negative)
 * @param cpuCapacityMhz          CPU of the live hosts, MHz
 * @param memoryCapacityMb        memory of the live hosts, MiB
 * @param cpuReservedMhz          CPU reservations of the protected VMs, MHz
 * @param memoryReservedMb        memory reservations of the protected VMs, MiB
 * @param cpuFailoverPercent      percentage policy: CPU share to keep free, configured or derived;
 *                                -1 for other policies
 * @param memoryFailoverPercent   percentage policy: memory share to keep free; -1 otherwise
 * @param cpuFreePercent          share of the live hosts' CPU not reserved now, 0-100
 * @param memoryFreePercent       share of the live hosts' memory not reserved now, 0-100
 * @param protectedVms            protected VMs counted (the master's protectedlists)
 * @param hosts                   every configured host, MOID order
 */
public record CapacityStatus(String policy, boolean configured, int failuresToTolerate, int failuresTolerated,
                             boolean sufficient, String reason, long slotCpuMhz, long slotMemoryMb, long totalSlots,
                             long usedSlots, long availableSlots, long cpuCapacityMhz, long memoryCapacityMb,
                             long cpuReservedMhz, long memoryReservedMb, int cpuFailoverPercent,
                             int memoryFailoverPercent, int cpuFreePercent, int memoryFreePercent, int protectedVms,
                             List<HostRoom> hosts) {

    public CapacityStatus {
        hosts = List.copyOf(hosts);
    }

    /**
     * One host's room.
     *
     * @param host          MOID
     * @param live          whether it counts (connected to the master, or the master itself)
     * @param failoverHost  whether it is a dedicated failover host of the policy
     * @param cpuMhz        configured CPU capacity, MHz
     * @param memoryMb      configured memory capacity, MiB
     * @param cpuReservedMhz   reservations of the protected VMs it runs, MHz
     * @param memoryReservedMb reservations of the protected VMs it runs, MiB
     * @param vms           protected VMs it runs
     * @param slots         slot policy: slots it holds ({@code min(cpu / slotCpu, memory / slotMemory)});
     *                      0 for other policies or when not live
     */
    public record HostRoom(String host, boolean live, boolean failoverHost, long cpuMhz, long memoryMb,
                           long cpuReservedMhz, long memoryReservedMb, int vms, long slots) {

        /** Unreserved CPU, MHz (may be negative when over-committed). */
        public long cpuFreeMhz() {
            return cpuMhz - cpuReservedMhz;
        }

        /** Unreserved memory, MiB. */
        public long memoryFreeMb() {
            return memoryMb - memoryReservedMb;
        }
    }
}
