package io.openfdm.master;

import io.openfdm.core.config.VmHostRule;
import io.openfdm.core.config.VmVmRule;
import io.openfdm.core.model.HostId;
import io.openfdm.core.model.RestartPriority;
import io.openfdm.core.model.VmId;
import io.openfdm.datastore.protectedlist.ProtectedVm;
import io.openfdm.core.config.AdmissionControlPolicy;
import io.openfdm.core.config.HaPolicy;
import io.openfdm.core.config.IsolationResponse;
import io.openfdm.master.restart.FailoverHostPreference;
import io.openfdm.master.restart.PlacementRules;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PlacementTest {
    private static final HostId H1 = HostId.of("host-1");
    private static final HostId H2 = HostId.of("host-2");
    private static final HostId H3 = HostId.of("host-3");

    private static ProtectedVm vm(String id) {
        return new ProtectedVm(VmId.of(id), id, "ds-1", 100, 1000, RestartPriority.MEDIUM, HostId.of("host-9"), 0, null);
    }

    /** host-1 has the most free memory, then host-2, then host-3. */
    private static List<Placement.Room> rooms(Set<VmId> onHost3) {
        return List.of(new Placement.Room(H1, Set.of("ds-1"), 10_000, 9000, 0, 0, Set.of()),
                new Placement.Room(H2, Set.of("ds-1"), 10_000, 8000, 0, 0, Set.of()),
                new Placement.Room(H3, Set.of("ds-1"), 10_000, 7000, 0, 0, onHost3));
    }

    private static Placement placement(List<VmVmRule> vmVm, List<VmHostRule> vmHost, Set<VmId> onHost3) {
        return new Placement(rooms(onHost3), 32, new PlacementRules(vmVm, vmHost));
    }

    @Test
    void withoutRulesTheHostWithTheMostFreeMemoryWinsAndFailedHostsComeLast() {
        Placement p = placement(List.of(), List.of(), Set.of());
        assertThat(p.place(vm("vm-1"), Set.of())).contains(H1);
        assertThat(p.place(vm("vm-2"), Set.of(H1, H2))).contains(H3);
        assertThat(p.place(vm("vm-3"), Set.of(H1, H2, H3))).as("a failed host still beats none").isPresent();
    }

    @Test
    void mustRunOnRestrictsAndShouldRunOnPrefers() {
        Placement p = placement(List.of(), List.of(new VmHostRule("lic", true, List.of(VmId.of("vm-1")), List.of(H3)),
                new VmHostRule("pref", false, List.of(VmId.of("vm-2")), List.of(H2))), Set.of());
        assertThat(p.place(vm("vm-1"), Set.of())).contains(H3);
        assertThat(p.place(vm("vm-2"), Set.of())).contains(H2);
        // "must" is hard: when host-3 cannot take it, the VM waits.
        Placement full = new Placement(List.of(new Placement.Room(H1, Set.of("ds-1"), 10_000, 9000, 0, 0),
                new Placement.Room(H3, Set.of("ds-1"), 10_000, 500, 0, 0)), 32,
                new PlacementRules(List.of(), List.of(new VmHostRule("lic", true, List.of(VmId.of("vm-1")), List.of(H3)))));
        assertThat(full.place(vm("vm-1"), Set.of())).isEmpty();
        assertThat(full.refusal(vm("vm-1"))).isEqualTo(
                "every host with room is excluded by a rule: host-1: VM-host rule lic (must run on host-3)");
        // "should" is soft: another host is used.
        Placement soft = new Placement(List.of(new Placement.Room(H1, Set.of("ds-1"), 10_000, 9000, 0, 0),
                new Placement.Room(H3, Set.of("ds-1"), 10_000, 500, 0, 0)), 32,
                new PlacementRules(List.of(), List.of(new VmHostRule("pref", false, List.of(VmId.of("vm-1")), List.of(H3)))));
        assertThat(soft.place(vm("vm-1"), Set.of())).contains(H1);
    }

    @Test
    void antiAffinityKeepsApartIncludingVmsPlacedEarlierInTheRound() {
        VmVmRule apart = new VmVmRule("apart", false, List.of(VmId.of("vm-1"), VmId.of("vm-2"), VmId.of("vm-3")));
        Placement p = placement(List.of(apart), List.of(), Set.of());
        assertThat(List.of(p.place(vm("vm-1"), Set.of()), p.place(vm("vm-2"), Set.of()), p.place(vm("vm-3"), Set.of())))
                .containsExactly(Optional.of(H1), Optional.of(H2), Optional.of(H3));
        assertThat(p.place(vm("vm-4"), Set.of())).as("not in the rule").isPresent();
        Placement one = new Placement(List.of(new Placement.Room(H1, Set.of("ds-1"), 10_000, 9000, 0, 0,
                Set.of(VmId.of("vm-2")))), 32, new PlacementRules(List.of(apart), List.of()));
        assertThat(one.place(vm("vm-1"), Set.of())).isEmpty();
        assertThat(one.refusal(vm("vm-1"))).isEqualTo(
                "every host with room is excluded by a rule: host-1: anti-affinity rule apart (vm-2 is there)");
    }

    @Test
    void affinityPrefersThePartnersHostButRunningBeatsTogether() {
        VmVmRule together = new VmVmRule("together", true, List.of(VmId.of("vm-1"), VmId.of("vm-2")));
        Placement p = placement(List.of(together), List.of(), Set.of(VmId.of("vm-2")));
        assertThat(p.place(vm("vm-1"), Set.of())).contains(H3);
        Placement full = new Placement(List.of(new Placement.Room(H1, Set.of("ds-1"), 10_000, 9000, 0, 0),
                new Placement.Room(H3, Set.of("ds-1"), 10_000, 500, 0, 0, Set.of(VmId.of("vm-2")))), 32,
                new PlacementRules(List.of(together), List.of()));
        assertThat(full.place(vm("vm-1"), Set.of())).contains(H1);
    }

    private static FailoverHostPreference failoverHost3(boolean admissionControl) {
        return FailoverHostPreference.of(new HaPolicy(true, IsolationResponse.NONE, admissionControl,
                AdmissionControlPolicy.failoverHosts(1, List.of(H3))));
    }

    @Test
    void failoverHostsComeFirstWhileTheyQualifyThenTheOthers() {
        // host-3 has the least free memory (7000 MB) but is the failover host.
        Placement p = new Placement(rooms(Set.of()), 32, PlacementRules.none(), failoverHost3(true));
        ProtectedVm big = new ProtectedVm(VmId.of("vm-1"), "vm-1", "ds-1", 100, 6000, RestartPriority.MEDIUM, HostId.of("host-9"), 0, null);
        assertThat(p.place(big, Set.of())).contains(H3);
        assertThat(p.place(big, Set.of())).as("host-3 has 1000 MB left: the next goes elsewhere").contains(H1);
        assertThat(p.place(vm("vm-3"), Set.of())).as("a small VM still fits host-3").contains(H3);
        assertThat(p.place(vm("vm-4"), Set.of(H3))).as("a VM that failed there tries the others first").contains(H2);
    }

    @Test
    void aFailoverHostAtThePowerOnLimitOrBehindARuleOrWithoutTheDatastoreIsPassedOver() {
        List<Placement.Room> rooms = List.of(new Placement.Room(H1, Set.of("ds-1"), 10_000, 9000, 0, 0),
                new Placement.Room(H3, Set.of("ds-1"), 10_000, 7000, 0, 1));
        assertThat(new Placement(rooms, 1, PlacementRules.none(), failoverHost3(true)).place(vm("vm-1"), Set.of()))
                .as("at the per-host power-on limit").contains(H1);
        Placement must = new Placement(List.of(new Placement.Room(H1, Set.of("ds-1"), 10_000, 9000, 0, 0),
                new Placement.Room(H3, Set.of("ds-1"), 10_000, 7000, 0, 0)), 32,
                new PlacementRules(List.of(), List.of(new VmHostRule("lic", true, List.of(VmId.of("vm-1")), List.of(H1)))),
                failoverHost3(true));
        assertThat(must.place(vm("vm-1"), Set.of())).as("a must rule excludes it").contains(H1);
        Placement noDatastore = new Placement(List.of(new Placement.Room(H1, Set.of("ds-1"), 10_000, 9000, 0, 0),
                new Placement.Room(H3, Set.of("ds-2"), 10_000, 7000, 0, 0)), 32, PlacementRules.none(), failoverHost3(true));
        assertThat(noDatastore.place(vm("vm-1"), Set.of())).contains(H1);
    }

    @Test
    void noPreferenceUnderAnotherPolicyOrWithAdmissionControlDisabled() {
        assertThat(new Placement(rooms(Set.of()), 32, PlacementRules.none(), failoverHost3(false)).place(vm("vm-1"), Set.of()))
                .contains(H1);
        FailoverHostPreference slots = FailoverHostPreference.of(new HaPolicy(true, IsolationResponse.NONE, true,
                AdmissionControlPolicy.slots(1, 0, 0)));
        assertThat(slots.failoverHosts()).isEmpty();
        assertThat(new Placement(rooms(Set.of()), 32, PlacementRules.none(), slots).place(vm("vm-1"), Set.of())).contains(H1);
    }
}
