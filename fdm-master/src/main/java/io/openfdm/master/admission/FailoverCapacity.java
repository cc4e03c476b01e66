package io.openfdm.master.admission;

import io.openfdm.core.config.AdmissionControlPolicy;
import io.openfdm.core.config.AdmissionControlPolicy.Kind;
import io.openfdm.core.model.HostId;
import io.openfdm.core.status.CapacityStatus;
import io.openfdm.core.status.CapacityStatus.HostRoom;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Computes the cluster's current failover capacity under an admission control policy (vSphere
 * HA's "current failover capacity", reference §2 "Admission control"). Pure: no I/O, no clock,
 * the same inputs give the same answer.
 *
 * <p>Every protected VM needs room somewhere: the VMs of live hosts where they run, the VMs of
 * down hosts (waiting for their restart) anywhere. Only live hosts give room. "The cluster
 * tolerates k failures" means: take away the k live hosts that give the most room, and what is
 * left still holds every protected VM. At most {@code live hosts - 1} failures are ever tolerated.
 *
 * <ul>
 *   <li><b>Slot policy</b> (vSphere's {@code ClusterFailoverLevelAdmissionControlPolicy}). The
 *       slot is the largest CPU reservation (at least {@value AdmissionControlPolicy#MIN_SLOT_CPU_MHZ}
 *       MHz) and the largest memory reservation of the protected VMs, or the policy's fixed size.
 *       A live host holds {@code min(floor(cpu / slotCpu), floor(memory / slotMemory))} slots (a
 *       memory slot of 0 does not limit); every protected VM uses one slot. Tolerated: the largest
 *       k with {@code total - (slots of the k largest hosts) >= used}. Sufficient when k >= N.</li>
 *   <li><b>Resource percentage</b> ({@code ClusterFailoverResourcesAdmissionControlPolicy}).
 *       Free share = {@code (capacity - reservations) / capacity} of the live hosts, for CPU and
 *       memory. The share to keep free is the configured percentage, or, when none is written,
 *       the share of the N largest live hosts, rounded up (vSphere 6.5 derives it from N).
 *       Sufficient when both free shares reach it and more than N hosts are live. Tolerated: the
 *       largest k for which the reservations fit, per resource, in the live hosts without the k
 *       largest.</li>
 *   <li><b>Failover hosts</b> ({@code ClusterFailoverHostAdmissionControlPolicy}). The live
 *       failover hosts' unreserved room must hold the VMs of failed hosts. Tolerated: the largest k
 *       for which the reservations of the VMs waiting for a restart plus those of the k most
 *       loaded live other hosts fit in that room (CPU and memory summed, not bin-packed).
 *       Sufficient when k >= N and every failover host is live.</li>
 *   <li><b>Disabled</b>: shown, always sufficient.</li>
 * </ul>
 */
public final class FailoverCapacity {

    private FailoverCapacity() {
    }

    /**
     * @param policy     the policy in force
     * @param configured whether the policy is written in the configuration (carried into the result)
     * @param hosts      every configured host
     * @param vms        every protected VM the master knows
     * @return the capacity, with one {@link HostRoom} per host in the order given
     */
    public static CapacityStatus compute(AdmissionControlPolicy policy, boolean configured, List<HostCapacity> hosts,
                                         List<VmDemand> vms) {
        Map<HostId, long[]> onHost = new HashMap<>(); // host -> {cpu, memory, vms}
        long cpuReserved = 0;
        long memReserved = 0;
        long largestCpu = 0;
        long largestMem = 0;
        for (VmDemand vm : vms) {
            cpuReserved += vm.cpuMhz();
            memReserved += vm.memoryMb();
            largestCpu = Math.max(largestCpu, vm.cpuMhz());
            largestMem = Math.max(largestMem, vm.memoryMb());
            long[] sum = onHost.computeIfAbsent(vm.host(), h -> new long[3]);
            sum[0] += vm.cpuMhz();
            sum[1] += vm.memoryMb();
            sum[2]++;
        }
        List<HostCapacity> live = hosts.stream().filter(HostCapacity::live).toList();
        long cpuCapacity = live.stream().mapToLong(HostCapacity::cpuMhz).sum();
        long memCapacity = live.stream().mapToLong(HostCapacity::memoryMb).sum();
        int maxTolerable = Math.max(0, live.size() - 1);
        int n = policy.policy() == Kind.DISABLED ? 0 : policy.hostFailuresToTolerate();

        boolean slotPolicy = policy.policy() == Kind.SLOT_POLICY;
        long slotCpu = 0;
        long slotMem = 0;
        if (slotPolicy) {
            slotCpu = policy.slotCpuMhz() > 0 ? policy.slotCpuMhz() : Math.max(AdmissionControlPolicy.MIN_SLOT_CPU_MHZ, largestCpu);
            slotMem = policy.slotMemoryMb() > 0 ? policy.slotMemoryMb() : largestMem;
        }
        List<HostRoom> rooms = new ArrayList<>();
        Map<HostId, Long> slotsOf = new HashMap<>();
        for (HostCapacity h : hosts) {
            long[] sum = onHost.getOrDefault(h.host(), new long[3]);
            long slots = slotPolicy && h.live() ? slots(h, slotCpu, slotMem) : 0;
            slotsOf.put(h.host(), slots);
            rooms.add(new HostRoom(h.host().moid(), h.live(), policy.isFailoverHost(h.host()), h.cpuMhz(), h.memoryMb(),
                    sum[0], sum[1], (int) sum[2], slots));
        }

        int tolerated;
        boolean sufficient;
        String reason = "";
        long totalSlots = 0;
        long failoverSlots = 0;
        int cpuPercent = -1;
        int memPercent = -1;
        switch (policy.policy()) {
            case SLOT_POLICY -> {
                List<Long> slotsLargestFirst = live.stream().map(h -> slotsOf.get(h.host()))
                        .sorted(Comparator.reverseOrder()).toList();
                totalSlots = slotsLargestFirst.stream().mapToLong(Long::longValue).sum();
                tolerated = 0;
                long left = totalSlots;
                for (int k = 1; k <= maxTolerable; k++) {
                    left -= slotsLargestFirst.get(k - 1);
                    if (left < vms.size()) {
                        break;
                    }
                    tolerated = k;
                }
                if (live.isEmpty() || totalSlots < vms.size()) {
                    tolerated = 0;
                }
                failoverSlots = slotsLargestFirst.stream().limit(n).mapToLong(Long::longValue).sum();
                boolean fitsNow = totalSlots >= vms.size();
                sufficient = fitsNow && tolerated >= n;
                if (!fitsNow) {
                    reason = "the " + live.size() + " live hosts hold " + totalSlots + " slots of " + slotCpu + " MHz and "
                            + slotMem + " MB, fewer than the " + vms.size() + " protected VMs";
                } else if (!sufficient) {
                    reason = live.size() <= n ? liveHostsText(live.size(), n)
                            : "the " + live.size() + " live hosts hold " + totalSlots + " slots of " + slotCpu + " MHz and "
                            + slotMem + " MB, " + vms.size() + " are used by protected VMs; without the " + plural(n, "largest host")
                            + " " + (totalSlots - failoverSlots) + " are left";
                }
            }
            case RESOURCE_PERCENTAGE -> {
                cpuPercent = policy.cpuFailoverPercent() != null ? policy.cpuFailoverPercent()
                        : derivedPercent(live, n, HostCapacity::cpuMhz, cpuCapacity);
                memPercent = policy.memoryFailoverPercent() != null ? policy.memoryFailoverPercent()
                        : derivedPercent(live, n, HostCapacity::memoryMb, memCapacity);
                tolerated = Math.min(toleratedByResource(live, HostCapacity::cpuMhz, cpuReserved, maxTolerable),
                        toleratedByResource(live, HostCapacity::memoryMb, memReserved, maxTolerable));
                boolean cpuOk = (cpuCapacity - cpuReserved) * 100 >= (long) cpuPercent * cpuCapacity;
                boolean memOk = (memCapacity - memReserved) * 100 >= (long) memPercent * memCapacity;
                sufficient = cpuOk && memOk && live.size() > n;
                if (live.size() <= n) {
                    reason = liveHostsText(live.size(), n);
                } else if (!cpuOk || !memOk) {
                    List<String> parts = new ArrayList<>();
                    if (!cpuOk) {
                        parts.add("CPU free " + percent(cpuCapacity - cpuReserved, cpuCapacity) + "% < " + cpuPercent + "% kept for failover");
                    }
                    if (!memOk) {
                        parts.add("memory free " + percent(memCapacity - memReserved, memCapacity) + "% < " + memPercent
                                + "% kept for failover");
                    }
                    reason = String.join(", ", parts);
                }
            }
            case FAILOVER_HOSTS -> {
                List<HostCapacity> failover = live.stream().filter(h -> policy.isFailoverHost(h.host())).toList();
                List<HostId> missing = policy.failoverHosts().stream()
                        .filter(id -> failover.stream().noneMatch(h -> h.host().equals(id))).toList();
                long roomCpu = 0;
                long roomMem = 0;
                for (HostCapacity h : failover) {
                    long[] sum = onHost.getOrDefault(h.host(), new long[3]);
                    roomCpu += h.cpuMhz() - sum[0];
                    roomMem += h.memoryMb() - sum[1];
                }
                long waitingCpu = 0;
                long waitingMem = 0;
                for (VmDemand vm : vms) {
                    if (live.stream().noneMatch(h -> h.host().equals(vm.host()))) {
                        waitingCpu += vm.cpuMhz();
                        waitingMem += vm.memoryMb();
                    }
                }
                List<long[]> othersMostLoadedFirst = live.stream().filter(h -> !policy.isFailoverHost(h.host()))
                        .map(h -> onHost.getOrDefault(h.host(), new long[3]))
                        .sorted(Comparator.comparingLong((long[] s) -> s[1]).thenComparingLong(s -> s[0]).reversed())
                        .toList();
                tolerated = 0;
                long needCpu = waitingCpu;
                long needMem = waitingMem;
                boolean fitsNow = needCpu <= roomCpu && needMem <= roomMem && !failover.isEmpty();
                if (fitsNow) {
                    for (int k = 1; k <= Math.min(maxTolerable, othersMostLoadedFirst.size()); k++) {
                        needCpu += othersMostLoadedFirst.get(k - 1)[0];
                        needMem += othersMostLoadedFirst.get(k - 1)[1];
                        if (needCpu > roomCpu || needMem > roomMem) {
                            break;
                        }
                        tolerated = k;
                    }
                }
                sufficient = tolerated >= n && missing.isEmpty();
                if (!missing.isEmpty()) {
                    reason = "failover host" + (missing.size() == 1 ? " " : "s ") + String.join(", ",
                            missing.stream().map(HostId::moid).toList()) + (missing.size() == 1 ? " is" : " are") + " not live";
                } else if (!sufficient) {
                    reason = "the failover hosts' free room (" + roomCpu + " MHz, " + roomMem + " MB) does not hold the VMs of "
                            + (!fitsNow ? "the failed hosts" : "the " + plural(n, "most loaded host"));
                }
            }
            default -> {
                tolerated = Math.min(toleratedByResource(live, HostCapacity::cpuMhz, cpuReserved, maxTolerable),
                        toleratedByResource(live, HostCapacity::memoryMb, memReserved, maxTolerable));
                sufficient = true;
            }
        }
        if (!sufficient) {
            reason = "tolerates " + tolerated + " of " + plural(n, "host failure") + ": " + reason;
        }
        return new CapacityStatus(policy.policy().wireName(), configured, n, tolerated, sufficient, reason, slotCpu, slotMem,
                totalSlots, slotPolicy ? vms.size() : 0, slotPolicy ? totalSlots - failoverSlots - vms.size() : 0,
                cpuCapacity, memCapacity, cpuReserved, memReserved, cpuPercent, memPercent,
                percent(cpuCapacity - cpuReserved, cpuCapacity), percent(memCapacity - memReserved, memCapacity),
                vms.size(), rooms);
    }

    private static long slots(HostCapacity h, long slotCpu, long slotMem) {
        long byCpu = h.cpuMhz() / slotCpu;
        long byMem = slotMem == 0 ? Long.MAX_VALUE : h.memoryMb() / slotMem;
        return Math.min(byCpu, byMem);
    }

    /** The largest k such that the reservations fit in the live hosts without the k largest. */
    private static int toleratedByResource(List<HostCapacity> live, ToLongFunction<HostCapacity> size, long reserved,
                                           int maxTolerable) {
        List<Long> largestFirst = live.stream().map(size::applyAsLong).sorted(Comparator.reverseOrder()).toList();
        long left = largestFirst.stream().mapToLong(Long::longValue).sum();
        if (left < reserved) {
            return 0;
        }
        int k = 0;
        while (k < maxTolerable) {
            left -= largestFirst.get(k);
            if (left < reserved) {
                break;
            }
            k++;
        }
        return k;
    }

    /** The share of the {@code n} largest live hosts in {@code total}, in percent, rounded up. */
    private static int derivedPercent(List<HostCapacity> live, int n, ToLongFunction<HostCapacity> size, long total) {
        if (total <= 0 || n >= live.size()) {
            return n == 0 ? 0 : 100;
        }
        long largest = live.stream().map(size::applyAsLong).sorted(Comparator.reverseOrder()).limit(n)
                .mapToLong(Long::longValue).sum();
        return (int) ((largest * 100 + total - 1) / total);
    }

    /** {@code part / total} in percent, rounded down, 0-100; 0 when there is no capacity. */
    private static int percent(long part, long total) {
        if (total <= 0) {
            return 0;
        }
        return (int) Math.max(0, Math.min(100, Math.floorDiv(part * 100, total)));
    }

    private static String liveHostsText(int live, int n) {
        return "only " + plural(live, "live host") + " for " + plural(n, "failure") + " to tolerate";
    }

    private static String plural(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    /** One line for a person: {@code slotPolicy: tolerates 1 of 1 host failures}. */
    public static String summary(CapacityStatus c) {
        return String.format(Locale.ROOT, "%s: tolerates %d of %s", c.policy(), c.failuresTolerated(),
                plural(c.failuresToTolerate(), "host failure"));
    }
}
