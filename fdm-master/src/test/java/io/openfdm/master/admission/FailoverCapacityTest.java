package io.openfdm.master.admission;

import io.openfdm.core.config.AdmissionControlPolicy;
import io.openfdm.core.model.HostId;
import io.openfdm.core.model.VmId;
import io.openfdm.core.status.CapacityStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Worked examples of the failover capacity formulas (docs/failure-semantics/admission.md). */
class FailoverCapacityTest {

    private static HostCapacity host(int n, long cpuMhz, long memoryMb) {
        return new HostCapacity(HostId.of("host-" + n), cpuMhz, memoryMb, true);
    }

    private static HostCapacity down(int n, long cpuMhz, long memoryMb) {
        return new HostCapacity(HostId.of("host-" + n), cpuMhz, memoryMb, false);
    }

    /** {@code count} VMs of {@code cpu}/{@code mem} on host-{@code on}, numbered from {@code first}. */
    private static List<VmDemand> vms(int first, int count, int on, long cpu, long mem) {
        List<VmDemand> out = new ArrayList<>();
        for (int i = first; i < first + count; i++) {
            out.add(new VmDemand(VmId.of("vm-" + i), HostId.of("host-" + on), cpu, mem));
        }
        return out;
    }

    private static List<VmDemand> concat(List<VmDemand> a, List<VmDemand> b) {
        List<VmDemand> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /**
     * Slot policy, 4 hosts of 10000 MHz / 32768 MB. The largest VM reserves 2000 MHz and 4096 MB,
     * so a slot is 2000 MHz / 4096 MB and a host holds min(10000/2000, 32768/4096) = min(5, 8) = 5
     * slots: 20 in all. Without the largest host 15 are left, without two 10.
     */
    @ParameterizedTest(name = "{0} VMs, N={1}: tolerates {2}, sufficient {3}, available {4}")
    @CsvSource({
            "10, 1, 2, true,  5",   // 20-5-10: without two hosts 10 >= 10
            "12, 1, 1, true,  3",   // 15 >= 12 but 10 < 12
            "15, 1, 1, true,  0",
            "16, 1, 0, false, -1",  // 15 < 16
            "12, 2, 1, false, -2",  // 20-10-12
            "0,  3, 3, true,  5",   // no VMs: at most hosts - 1
            "21, 0, 0, false, -1",  // more VMs than slots: not even N=0 holds
    })
    void slotPolicyCountsSlotsOfTheLargestReservation(int vmCount, int n, int tolerated, boolean sufficient, long available) {
        List<HostCapacity> hosts = List.of(host(1, 10_000, 32_768), host(2, 10_000, 32_768), host(3, 10_000, 32_768),
                host(4, 10_000, 32_768));
        List<VmDemand> vms = new ArrayList<>(vms(1, vmCount, 1, 500, 1024));
        if (vmCount > 0) {
            vms.set(0, new VmDemand(VmId.of("vm-1"), HostId.of("host-1"), 2000, 1024));
            vms.set(vmCount - 1, new VmDemand(VmId.of("vm-" + vmCount), HostId.of("host-2"), 100, 4096));
        }
        CapacityStatus c = FailoverCapacity.compute(AdmissionControlPolicy.slots(n, 0, 0), true, hosts, vms);
        assertThat(c.slotCpuMhz()).isEqualTo(vmCount > 0 ? 2000 : AdmissionControlPolicy.MIN_SLOT_CPU_MHZ);
        assertThat(c.slotMemoryMb()).isEqualTo(vmCount > 0 ? 4096 : 0);
        if (vmCount > 0) {
            assertThat(c.totalSlots()).isEqualTo(20);
            assertThat(c.hosts()).allSatisfy(h -> assertThat(h.slots()).isEqualTo(5));
        }
        assertThat(c.usedSlots()).isEqualTo(vmCount);
        assertThat(c.failuresTolerated()).isEqualTo(tolerated);
        assertThat(c.sufficient()).isEqualTo(sufficient);
        if (vmCount > 0) {
            assertThat(c.availableSlots()).isEqualTo(available);
        }
        if (sufficient) {
            assertThat(c.reason()).isEmpty();
        } else {
            assertThat(c.reason()).startsWith("tolerates " + tolerated + " of " + n + " host failure");
        }
    }

    @Test
    void slotPolicyReasonSaysWhatIsLeft() {
        List<HostCapacity> hosts = List.of(host(1, 10_000, 32_768), host(2, 10_000, 32_768), host(3, 10_000, 32_768),
                host(4, 10_000, 32_768));
        CapacityStatus c = FailoverCapacity.compute(AdmissionControlPolicy.slots(1, 2000, 4096), true, hosts,
                vms(1, 16, 1, 100, 100));
        assertThat(c.reason()).isEqualTo("tolerates 0 of 1 host failure: the 4 live hosts hold 20 slots of 2000 MHz and"
                + " 4096 MB, 16 are used by protected VMs; without the 1 largest host 15 are left");
    }

    @Test
    void fixedSlotSizeReplacesTheLargestReservation() {
        // das.slotCpuInMHz=500, das.slotMemInMB=1024: 10000/500 = 20, 32768/1024 = 32 -> 20 slots a host.
        CapacityStatus c = FailoverCapacity.compute(AdmissionControlPolicy.slots(1, 500, 1024), true,
                List.of(host(1, 10_000, 32_768), host(2, 10_000, 32_768)), vms(1, 3, 1, 8000, 16_000));
        assertThat(c.slotCpuMhz()).isEqualTo(500);
        assertThat(c.slotMemoryMb()).isEqualTo(1024);
        assertThat(c.totalSlots()).isEqualTo(40);
        assertThat(c.failuresTolerated()).isEqualTo(1);
    }

    @Test
    void noReservationsMeansTheMinimumCpuSlotAndNoMemoryLimit() {
        CapacityStatus c = FailoverCapacity.compute(AdmissionControlPolicy.slots(1, 0, 0), true,
                List.of(host(1, 10_000, 0), host(2, 10_000, 0)), vms(1, 4, 1, 0, 0));
        assertThat(c.slotCpuMhz()).isEqualTo(32);
        assertThat(c.hosts()).allSatisfy(h -> assertThat(h.slots()).isEqualTo(312)); // 10000 / 32
        assertThat(c.sufficient()).isTrue();
    }

    @Test
    void unequalHostsLoseTheLargestFirst() {
        // slot 2000/4096: host-1 holds 10, host-2 and host-3 5 each; 9 VMs. Without host-1: 10 >= 9;
        // without host-1 and host-2: 5 < 9.
        List<HostCapacity> hosts = List.of(host(1, 20_000, 65_536), host(2, 10_000, 32_768), host(3, 10_000, 32_768));
        CapacityStatus c = FailoverCapacity.compute(AdmissionControlPolicy.slots(2, 0, 0), true, hosts,
                vms(1, 9, 2, 2000, 4096));
        assertThat(c.hosts()).extracting(CapacityStatus.HostRoom::slots).containsExactly(10L, 5L, 5L);
        assertThat(c.failuresTolerated()).isEqualTo(1);
        assertThat(c.sufficient()).isFalse();
        assertThat(c.availableSlots()).isEqualTo(20 - 15 - 9);
    }

    @Test
    void aDownHostGivesNoSlotsButItsVmsStillNeedThem() {
        // 3 hosts of 5 slots; host-3 is down and its 4 VMs wait for a restart. 2 live hosts, 10
        // slots, 8 VMs: without one host 5 < 8.
        List<HostCapacity> hosts = List.of(host(1, 10_000, 32_768), host(2, 10_000, 32_768), down(3, 10_000, 32_768));
        List<VmDemand> vms = concat(vms(1, 4, 1, 2000, 4096), vms(5, 4, 3, 2000, 4096));
        CapacityStatus c = FailoverCapacity.compute(AdmissionControlPolicy.slots(1, 0, 0), true, hosts, vms);
        assertThat(c.totalSlots()).isEqualTo(10);
        assertThat(c.usedSlots()).isEqualTo(8);
        assertThat(c.hosts().get(2)).satisfies(h -> {
            assertThat(h.live()).isFalse();
            assertThat(h.slots()).isZero();
            assertThat(h.vms()).isEqualTo(4);
        });
        assertThat(c.failuresTolerated()).isZero();
        assertThat(c.sufficient()).isFalse();
    }

    /**
     * Percentage policy, 4 hosts of 10000 MHz / 10000 MB (40000 each in all); reservations 6000
     * MHz and 8000 MB: free 85% CPU and 80% memory.
     */
    @ParameterizedTest(name = "cpu {0}%, memory {1}%: sufficient {2}")
    @CsvSource(nullValues = "-", value = {
            "-,  -,  true,  25, 25",  // derived from N=1: the largest host's share, 10000/40000
            "85, 80, true,  85, 80",  // exactly met
            "86, 10, false, 86, 10",  // CPU short
            "10, 81, false, 10, 81",  // memory short
    })
    void percentagePolicyComparesFreeShares(Integer cpu, Integer mem, boolean sufficient, int cpuKept, int memKept) {
        List<HostCapacity> hosts = List.of(host(1, 10_000, 10_000), host(2, 10_000, 10_000), host(3, 10_000, 10_000),
                host(4, 10_000, 10_000));
        List<VmDemand> vms = concat(vms(1, 3, 1, 2000, 2000), vms(4, 1, 2, 0, 2000));
        CapacityStatus c = FailoverCapacity.compute(AdmissionControlPolicy.percentage(1, cpu, mem), true, hosts, vms);
        assertThat(c.cpuReservedMhz()).isEqualTo(6000);
        assertThat(c.memoryReservedMb()).isEqualTo(8000);
        assertThat(c.cpuFreePercent()).isEqualTo(85);
        assertThat(c.memoryFreePercent()).isEqualTo(80);
        assertThat(c.cpuFailoverPercent()).isEqualTo(cpuKept);
        assertThat(c.memoryFailoverPercent()).isEqualTo(memKept);
        assertThat(c.sufficient()).isEqualTo(sufficient);
        assertThat(c.failuresTolerated()).isEqualTo(3); // 8000 MB fit in any one host
        if (!sufficient) {
            assertThat(c.reason()).startsWith("tolerates 3 of 1 host failure: ").contains("% kept for failover");
        }
    }

    @Test
    void derivedPercentageIsTheShareOfTheLargestHostsRoundedUp() {
        List<HostCapacity> hosts = List.of(host(1, 20_000, 30_000), host(2, 10_000, 30_000), host(3, 10_000, 40_000));
        CapacityStatus c = FailoverCapacity.compute(AdmissionControlPolicy.percentage(1, null, null), true, hosts, List.of());
        assertThat(c.cpuFailoverPercent()).isEqualTo(50);   // 20000 / 40000
        assertThat(c.memoryFailoverPercent()).isEqualTo(40); // 40000 / 100000
        CapacityStatus two = FailoverCapacity.compute(AdmissionControlPolicy.percentage(2, null, null), true, hosts, List.of());
        assertThat(two.cpuFailoverPercent()).isEqualTo(75);   // 30000 / 40000
        assertThat(two.memoryFailoverPercent()).isEqualTo(70); // 70000 / 100000
    }

    @Test
    void percentageNeedsMoreLiveHostsThanFailuresToTolerate() {
        CapacityStatus c = FailoverCapacity.compute(AdmissionControlPolicy.percentage(1, 0, 0), true,
                List.of(host(1, 10_000, 10_000), down(2, 10_000, 10_000)), List.of());
        assertThat(c.sufficient()).isFalse();
        assertThat(c.failuresTolerated()).isZero();
        assertThat(c.reason()).isEqualTo("tolerates 0 of 1 host failure: only 1 live host for 1 failure to tolerate");
    }

    @Test
    void percentageToleratesTheFailuresWhoseLossStillHoldsTheReservations() {
        // 3 hosts of 10000 MB; 15000 MB reserved: without one host 20000 >= 15000, without two 10000 < 15000.
        CapacityStatus c = FailoverCapacity.compute(AdmissionControlPolicy.percentage(1, 0, 0), true,
                List.of(host(1, 100_000, 10_000), host(2, 100_000, 10_000), host(3, 100_000, 10_000)),
                vms(1, 3, 1, 0, 5000));
        assertThat(c.failuresTolerated()).isEqualTo(1);
        assertThat(c.sufficient()).isTrue();
    }

    /**
     * Failover hosts: host-4 (10000 MHz / 10000 MB) is the failover host. host-1 runs 4000/4000,
     * host-2 3000/3000, host-3 5000/5000. The most loaded first: host-3 (5000) then host-1 (9000
     * in all) fit in 10000; adding host-2 (12000) does not: 2 failures tolerated.
     */
    @Test
    void failoverHostsHoldTheVmsOfTheMostLoadedHosts() {
        List<HostCapacity> hosts = List.of(host(1, 10_000, 10_000), host(2, 10_000, 10_000), host(3, 10_000, 10_000),
                host(4, 10_000, 10_000));
        List<VmDemand> vms = concat(concat(vms(1, 1, 1, 4000, 4000), vms(2, 1, 2, 3000, 3000)), vms(3, 1, 3, 5000, 5000));
        AdmissionControlPolicy policy = AdmissionControlPolicy.failoverHosts(1, List.of(HostId.of("host-4")));
        CapacityStatus c = FailoverCapacity.compute(policy, true, hosts, vms);
        assertThat(c.failuresTolerated()).isEqualTo(2);
        assertThat(c.sufficient()).isTrue();
        assertThat(c.hosts()).extracting(CapacityStatus.HostRoom::failoverHost).containsExactly(false, false, false, true);
        CapacityStatus three = FailoverCapacity.compute(AdmissionControlPolicy.failoverHosts(3, List.of(HostId.of("host-4"))),
                true, hosts, vms);
        assertThat(three.sufficient()).isFalse();
        assertThat(three.reason()).isEqualTo("tolerates 2 of 3 host failures: the failover hosts' free room (10000 MHz,"
                + " 10000 MB) does not hold the VMs of the 3 most loaded hosts");
    }

    @Test
    void aFailoverHostThatIsDownOrBusyBreaksThePolicy() {
        List<VmDemand> vms = concat(vms(1, 1, 1, 4000, 4000), vms(2, 1, 2, 3000, 3000));
        AdmissionControlPolicy policy = AdmissionControlPolicy.failoverHosts(1, List.of(HostId.of("host-3")));
        CapacityStatus down = FailoverCapacity.compute(policy, true,
                List.of(host(1, 10_000, 10_000), host(2, 10_000, 10_000), down(3, 10_000, 10_000)), vms);
        assertThat(down.sufficient()).isFalse();
        assertThat(down.failuresTolerated()).isZero();
        assertThat(down.reason()).isEqualTo("tolerates 0 of 1 host failure: failover host host-3 is not live");

        List<VmDemand> busy = concat(vms, vms(3, 1, 3, 7000, 7000)); // the failover host runs a VM itself
        CapacityStatus c = FailoverCapacity.compute(policy, true,
                List.of(host(1, 10_000, 10_000), host(2, 10_000, 10_000), host(3, 10_000, 10_000)), busy);
        assertThat(c.sufficient()).isFalse();
        assertThat(c.reason()).contains("free room (3000 MHz, 3000 MB)");
    }

    @Test
    void disabledIsAlwaysSufficientButStillCounts() {
        CapacityStatus c = FailoverCapacity.compute(AdmissionControlPolicy.disabled(), false,
                List.of(host(1, 10_000, 10_000), host(2, 10_000, 10_000)), vms(1, 3, 1, 5000, 5000));
        assertThat(c.policy()).isEqualTo("disabled");
        assertThat(c.sufficient()).isTrue();
        assertThat(c.failuresToTolerate()).isZero();
        assertThat(c.failuresTolerated()).isZero(); // 15000 do not fit in one host of 10000
        assertThat(c.cpuFreePercent()).isEqualTo(25);
    }
}
