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

    /** Whether the policy is met, how many failures are tolerated, and why not, for a person. */
    private record Verdict(int tolerated, boolean sufficient, String reason) {
    }

    /** The inputs summed once: reservations per host and in all, the live hosts and their capacity. */
    private static final class Sums {
        final Map<HostId, long[]> onHost = new HashMap<>(); // host -> {cpu, memory, vms}
        final List<HostCapacity> live;
        final int vmCount;
        long cpuReserved;
        long memReserved;
        long largestCpu;
        long largestMem;
        final long cpuCapacity;
        final long memCapacity;
        /** At most live hosts - 1 failures: something must be left to restart on. */
        final int maxTolerable;

        Sums(List<HostCapacity> hosts, List<VmDemand> vms) {
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
            vmCount = vms.size();
            live = hosts.stream().filter(HostCapacity::live).toList();
            cpuCapacity = live.stream().mapToLong(HostCapacity::cpuMhz).sum();
            memCapacity = live.stream().mapToLong(HostCapacity::memoryMb).sum();
            maxTolerable = Math.max(0, live.size() - 1);
        }

        long[] of(HostId host) {
            return onHost.getOrDefault(host, new long[3]);
        }

        boolean isLive(HostId host) {
            return live.stream().anyMatch(h -> h.host().equals(host));
        }
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
        Sums in = new Sums(hosts, vms);
        int n = policy.policy() == Kind.DISABLED ? 0 : policy.hostFailuresToTolerate();
        boolean slotPolicy = policy.policy() == Kind.SLOT_POLICY;
        long slotCpu = 0;
        long slotMem = 0;
        if (slotPolicy) {
            slotCpu = policy.slotCpuMhz() > 0 ? policy.slotCpuMhz() : Math.max(AdmissionControlPolicy.MIN_SLOT_CPU_MHZ, in.largestCpu);
            slotMem = policy.slotMemoryMb() > 0 ? policy.slotMemoryMb() : in.largestMem;
        }
        List<HostRoom> rooms = new ArrayList<>();
        List<Long> liveSlotsLargestFirst = new ArrayList<>();
        for (HostCapacity h : hosts) {
            long[] sum = in.of(h.host());
            long slots = slotPolicy && h.live() ? slots(h, slotCpu, slotMem) : 0;
            if (h.live()) {
                liveSlotsLargestFirst.add(slots);
            }
            rooms.add(new HostRoom(h.host().moid(), h.live(), policy.isFailoverHost(h.host()), h.cpuMhz(), h.memoryMb(),
                    sum[0], sum[1], (int) sum[2], slots));
        }
        liveSlotsLargestFirst.sort(Comparator.reverseOrder());
        long totalSlots = liveSlotsLargestFirst.stream().mapToLong(Long::longValue).sum();
        long failoverSlots = liveSlotsLargestFirst.stream().limit(n).mapToLong(Long::longValue).sum();
        int cpuPercent = -1;
        int memPercent = -1;
        if (policy.policy() == Kind.RESOURCE_PERCENTAGE) {
            cpuPercent = policy.cpuFailoverPercent() != null ? policy.cpuFailoverPercent()
                    : derivedPercent(in.live, n, HostCapacity::cpuMhz, in.cpuCapacity);
            memPercent = policy.memoryFailoverPercent() != null ? policy.memoryFailoverPercent()
                    : derivedPercent(in.live, n, HostCapacity::memoryMb, in.memCapacity);
        }
        Verdict v = switch (policy.policy()) {
            case SLOT_POLICY -> slotVerdict(in, n, liveSlotsLargestFirst, slotCpu, slotMem);
            case RESOURCE_PERCENTAGE -> percentageVerdict(in, n, cpuPercent, memPercent);
            case FAILOVER_HOSTS -> failoverHostsVerdict(in, n, policy);
            case DISABLED -> new Verdict(toleratedByCapacity(in), true, "");
        };
        String reason = v.sufficient() ? "" : "tolerates " + v.tolerated() + " of " + plural(n, "host failure") + ": " + v.reason();
        return new CapacityStatus(policy.policy().wireName(), configured, n, v.tolerated(), v.sufficient(), reason, slotCpu,
                slotMem, totalSlots, slotPolicy ? in.vmCount : 0, slotPolicy ? totalSlots - failoverSlots - in.vmCount : 0,
                in.cpuCapacity, in.memCapacity, in.cpuReserved, in.memReserved, cpuPercent, memPercent,
                percent(in.cpuCapacity - in.cpuReserved, in.cpuCapacity), percent(in.memCapacity - in.memReserved, in.memCapacity),
                in.vmCount, rooms);
    }

    /** Slot policy: every VM takes a slot; the largest hosts go first. */
    private static Verdict slotVerdict(Sums in, int n, List<Long> slotsLargestFirst, long slotCpu, long slotMem) {
        long total = slotsLargestFirst.stream().mapToLong(Long::longValue).sum();
        if (total < in.vmCount) {
            return new Verdict(0, false, liveHostsHold(in.live.size()) + total + " slots of " + slotCpu
                    + " MHz and " + slotMem + " MB, fewer than the " + in.vmCount + " protected VMs");
        }
        int tolerated = 0;
        long left = total;
        for (int k = 1; k <= in.maxTolerable; k++) {
            left -= slotsLargestFirst.get(k - 1);
            if (left < in.vmCount) {
                break;
            }
            tolerated = k;
        }
        if (tolerated >= n) {
            return new Verdict(tolerated, true, "");
        }
        if (in.live.size() <= n) {
            return new Verdict(tolerated, false, liveHostsText(in.live.size(), n));
        }
        long afterN = total - slotsLargestFirst.stream().limit(n).mapToLong(Long::longValue).sum();
        return new Verdict(tolerated, false, liveHostsHold(in.live.size()) + total + " slots of " + slotCpu
                + " MHz and " + slotMem + " MB, " + in.vmCount + " are used by protected VMs; without the "
                + plural(n, "largest host") + " " + afterN + " are left");
    }

    /** Percentage policy: the free shares against the kept shares, with more than N hosts live. */
    private static Verdict percentageVerdict(Sums in, int n, int cpuPercent, int memPercent) {
        int tolerated = toleratedByCapacity(in);
        boolean cpuOk = (in.cpuCapacity - in.cpuReserved) * 100 >= (long) cpuPercent * in.cpuCapacity;
        boolean memOk = (in.memCapacity - in.memReserved) * 100 >= (long) memPercent * in.memCapacity;
        if (in.live.size() <= n) {
            return new Verdict(tolerated, false, liveHostsText(in.live.size(), n));
        }
        if (cpuOk && memOk) {
            return new Verdict(tolerated, true, "");
        }
        List<String> parts = new ArrayList<>();
        if (!cpuOk) {
            parts.add("CPU free " + percent(in.cpuCapacity - in.cpuReserved, in.cpuCapacity) + "% < " + cpuPercent
                    + "% kept for failover");
        }
        if (!memOk) {
            parts.add("memory free " + percent(in.memCapacity - in.memReserved, in.memCapacity) + "% < " + memPercent
                    + "% kept for failover");
        }
        return new Verdict(tolerated, false, String.join(", ", parts));
    }

    /** Failover hosts: their free room must hold the waiting VMs and those of the most loaded other hosts. */
    private static Verdict failoverHostsVerdict(Sums in, int n, AdmissionControlPolicy policy) {
        List<HostCapacity> failover = in.live.stream().filter(h -> policy.isFailoverHost(h.host())).toList();
        List<HostId> missing = policy.failoverHosts().stream().filter(id -> !in.isLive(id)).toList();
        long roomCpu = 0;
        long roomMem = 0;
        for (HostCapacity h : failover) {
            roomCpu += h.cpuMhz() - in.of(h.host())[0];
            roomMem += h.memoryMb() - in.of(h.host())[1];
        }
        long needCpu = 0;
        long needMem = 0;
        for (Map.Entry<HostId, long[]> e : in.onHost.entrySet()) {
            if (!in.isLive(e.getKey())) { // VMs waiting for their restart
                needCpu += e.getValue()[0];
                needMem += e.getValue()[1];
            }
        }
        boolean fitsNow = !failover.isEmpty() && needCpu <= roomCpu && needMem <= roomMem;
        List<long[]> othersMostLoadedFirst = in.live.stream().filter(h -> !policy.isFailoverHost(h.host()))
                .map(h -> in.of(h.host()))
                .sorted(Comparator.comparingLong((long[] s) -> s[1]).thenComparingLong(s -> s[0]).reversed())
                .toList();
        int tolerated = 0;
        if (fitsNow) {
            for (int k = 1; k <= Math.min(in.maxTolerable, othersMostLoadedFirst.size()); k++) {
                needCpu += othersMostLoadedFirst.get(k - 1)[0];
                needMem += othersMostLoadedFirst.get(k - 1)[1];
                if (needCpu > roomCpu || needMem > roomMem) {
                    break;
                }
                tolerated = k;
            }
        }
        if (!missing.isEmpty()) {
            return new Verdict(tolerated, false, "failover host" + (missing.size() == 1 ? " " : "s ")
                    + String.join(", ", missing.stream().map(HostId::moid).toList()) + (missing.size() == 1 ? " is" : " are")
                    + " not live");
        }
        if (tolerated >= n) {
            return new Verdict(tolerated, true, "");
        }
        return new Verdict(tolerated, false, "the failover hosts' free room (" + roomCpu + " MHz, " + roomMem
                + " MB) does not hold the VMs of " + (!fitsNow ? "the failed hosts" : "the " + plural(n, "most loaded host")));
    }

    private static long slots(HostCapacity h, long slotCpu, long slotMem) {
        long byCpu = h.cpuMhz() / slotCpu;
        long byMem = slotMem == 0 ? Long.MAX_VALUE : h.memoryMb() / slotMem;
        return Math.min(byCpu, byMem);
    }

    /** Failures tolerated by capacity alone: the smaller of the CPU and the memory count. */
    private static int toleratedByCapacity(Sums in) {
        return Math.min(toleratedByResource(in.live, HostCapacity::cpuMhz, in.cpuReserved, in.maxTolerable),
                toleratedByResource(in.live, HostCapacity::memoryMb, in.memReserved, in.maxTolerable));
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

    /** {@code the 2 live hosts hold }, {@code the 1 live host holds }. */
    private static String liveHostsHold(int live) {
        return "the " + plural(live, "live host") + (live == 1 ? " holds " : " hold ");
    }

    private static String liveHostsText(int live, int n) {
        return "only " + plural(live, "live host") + " for " + plural(n, "failure") + " to tolerate";
    }

    private static String plural(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    /** One line for a person: {@code slotPolicy: tolerates 1 of 1 host failure}. */
    public static String summary(CapacityStatus c) {
        return String.format(Locale.ROOT, "%s: tolerates %d of %s", c.policy(), c.failuresTolerated(),
                plural(c.failuresToTolerate(), "host failure"));
    }
}
