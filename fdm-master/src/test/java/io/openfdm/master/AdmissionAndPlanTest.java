package io.openfdm.master;

import io.openfdm.core.config.AdmissionControlPolicy;
import io.openfdm.core.config.ClusterConfig;
import io.openfdm.core.config.DatastoreSpec;
import io.openfdm.core.config.HaPolicy;
import io.openfdm.core.config.HostSpec;
import io.openfdm.core.config.IsolationResponse;
import io.openfdm.core.config.Timing;
import io.openfdm.core.journal.EventKind;
import io.openfdm.core.model.Claim;
import io.openfdm.core.model.HostId;
import io.openfdm.core.model.HostState;
import io.openfdm.core.model.PowerState;
import io.openfdm.core.model.RestartPriority;
import io.openfdm.core.model.VmId;
import io.openfdm.core.model.VmInfo;
import io.openfdm.core.status.CapacityStatus;
import io.openfdm.core.status.RestartPlan;
import io.openfdm.core.wire.PowerOnRequest;
import io.openfdm.core.wire.SlaveHeartbeat;
import io.openfdm.core.wire.VmReport;
import io.openfdm.master.MasterEvent.ProtectedListRead;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Admission control and {@code fdm plan} on a master driven with events: four hosts of 10000 MHz
 * and 8192 MB; ds-1 on every host, ds-2 only on host-3 and host-4.
 */
class AdmissionAndPlanTest {
    private static final HostId M = HostId.of("host-1");
    private static final HostId H2 = HostId.of("host-2");
    private static final HostId H3 = HostId.of("host-3");
    private static final HostId H4 = HostId.of("host-4");
    private static final List<HostId> ALL = List.of(M, H2, H3, H4);

    private MasterMachine master;
    private long now;
    private final List<MasterAction> log = new ArrayList<>();
    private final Map<HostId, List<VmInfo>> inventory = new LinkedHashMap<>();
    private final Map<HostId, Long> hbCounter = new HashMap<>();
    private final List<HostId> silent = new ArrayList<>();

    private static HostSpec host(HostId id, String... ds) {
        return new HostSpec(id, "127.0.9." + id.moid().charAt(5), 8182, List.of(ds), 10_000, 8192);
    }

    private static ClusterConfig config(HaPolicy policy, int maxPowerOnsPerHost) {
        Timing d = Timing.defaults();
        Timing t = new Timing(d.tickIntervalMs(), d.heartbeatIntervalMs(), d.hostFailureTimeoutMs(), d.masterFailureTimeoutMs(),
                d.electionWindowMs(), d.electionClaimIntervalMs(), d.datastoreHeartbeatIntervalMs(),
                d.datastoreHeartbeatTimeoutMs(), d.leaseRenewIntervalMs(), d.leaseStandDownMs(), d.leaseTimeoutMs(),
                d.leaseClaimSettleMs(), d.powerOnTimeoutMs(), d.restartBackoffMs(), d.restartMaxAttempts(), maxPowerOnsPerHost);
        return new ClusterConfig("c1", 1, "ab".repeat(32),
                List.of(host(M, "ds-1"), host(H2, "ds-1"), host(H3, "ds-1", "ds-2"), host(H4, "ds-1", "ds-2")),
                List.of(new DatastoreSpec("ds-1", "/ds1"), new DatastoreSpec("ds-2", "/ds2")), List.of(), 2, t, policy)
                .validate();
    }

    private static VmInfo vm(String id, String ds, int cpu, int mem, RestartPriority p) {
        return new VmInfo(VmId.of(id), id, ds, PowerState.POWERED_ON, cpu, mem, p);
    }

    private void start(ClusterConfig config) {
        master = new MasterMachine(M, config, new Claim(M, 2), now, MasterMachine.Handover.none(), 1);
        for (String ds : List.of("ds-1", "ds-2")) {
            step(new MasterEvent.LeaseHeld(ds, 3, now + 1000));
        }
        step(new MasterEvent.Tick());
        for (String ds : List.of("ds-1", "ds-2")) {
            step(new MasterEvent.ProtectedListLoaded(ds, new ProtectedListRead.Missing()));
        }
        ALL.forEach(h -> inventory.putIfAbsent(h, new ArrayList<>()));
        for (HostId h : ALL) {
            alive(h);
            step(new MasterEvent.VmReportReceived(h, new VmReport(1, 1, inventory.get(h))));
        }
        advance(100);
    }

    /** host-2: vm-1 (high, 2000 MHz, 4096 MB), vm-2 (low, 500/1024); host-3: vm-3 (medium,
     * 1000/2048, ds-2), vm-4 (disabled, 100/512), vm-5 (highest, 1000/6000); host-4: vm-6. */
    private void layout() {
        inventory.put(H2, new ArrayList<>(List.of(vm("vm-1", "ds-1", 2000, 4096, RestartPriority.HIGH),
                vm("vm-2", "ds-1", 500, 1024, RestartPriority.LOW))));
        inventory.put(H3, new ArrayList<>(List.of(vm("vm-3", "ds-2", 1000, 2048, RestartPriority.MEDIUM),
                vm("vm-4", "ds-1", 100, 512, RestartPriority.DISABLED),
                vm("vm-5", "ds-1", 1000, 6000, RestartPriority.HIGHEST))));
        inventory.put(H4, new ArrayList<>(List.of(vm("vm-6", "ds-2", 1000, 3000, RestartPriority.MEDIUM))));
    }

    @Test
    void planListsTheVmsOfTheFailedHostInPriorityOrderWithTheirTargets() {
        layout();
        start(config(HaPolicy.defaults(), 32));
        RestartPlan plan = master.view(now).plan(List.of(H3));
        assertThat(plan.master()).isEqualTo("host-1");
        assertThat(plan.failedHosts()).containsExactly("host-3");
        // Free memory after the failure: host-1 8192, host-2 3072, host-4 5192.
        // vm-5 (highest, 6000 MB) fits only host-1; vm-3 (medium, ds-2) only host-4 reaches ds-2;
        // vm-4 (disabled) is registered where most memory is left: host-4 (3144) over host-2 (3072)
        // and host-1 (2192).
        assertThat(plan.steps()).extracting(RestartPlan.Step::vm, RestartPlan.Step::target, RestartPlan.Step::action,
                        RestartPlan.Step::wave)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("vm-5", "host-1", "powerOn", 1),
                        org.assertj.core.groups.Tuple.tuple("vm-3", "host-4", "powerOn", 1),
                        org.assertj.core.groups.Tuple.tuple("vm-4", "host-4", "register", 1));
        assertThat(plan.steps()).extracting(RestartPlan.Step::order).containsExactly(1, 2, 3);
        assertThat(plan.steps()).allSatisfy(s -> {
            assertThat(s.from()).isEqualTo("host-3");
            assertThat(s.reason()).isEmpty();
        });
        assertThat(plan.notes()).isEmpty();
        assertThat(plan.capacityAfter().hosts()).filteredOn(h -> h.host().equals("host-3"))
                .singleElement().satisfies(h -> assertThat(h.live()).isFalse());
        assertThat(plan.capacityAfter().hosts()).filteredOn(h -> h.host().equals("host-4"))
                .singleElement().satisfies(h -> assertThat(h.vms()).isEqualTo(3));
    }

    @Test
    void theRealFailurePlacesEveryVmWhereThePlanSaid() {
        layout();
        start(config(HaPolicy.defaults(), 32));
        RestartPlan plan = master.view(now).plan(List.of(H3));
        Map<String, String> planned = new HashMap<>();
        plan.steps().forEach(s -> planned.put(s.vm(), s.target()));
        assertThat(master.view(now).restartsOutstanding()).as("planning changes nothing").isZero();

        kill(H3);
        Map<String, String> requested = new HashMap<>();
        for (MasterAction a : log) {
            if (a instanceof MasterAction.Send s && s.message() instanceof PowerOnRequest r) {
                requested.put(r.vm().id().moid(), s.to().moid());
            }
        }
        assertThat(master.view(now).state(H3)).isEqualTo(HostState.HOST_DOWN);
        assertThat(requested).isEqualTo(planned);
    }

    @Test
    void whatCannotBePlacedSaysWhy() {
        layout();
        start(config(HaPolicy.defaults(), 32));
        RestartPlan plan = master.view(now).plan(List.of(H3, H4));
        // vm-5 takes host-1 (6000 of 8192 MB); vm-3 and vm-6 live on ds-2, which only host-3 and
        // host-4 reach; vm-4 goes to host-2 (3072 MB free) over host-1 (2192).
        assertThat(plan.steps()).extracting(RestartPlan.Step::vm).containsExactly("vm-5", "vm-4", "vm-3", "vm-6");
        assertThat(plan.steps()).filteredOn(s -> s.vm().equals("vm-3")).singleElement().satisfies(s -> {
            assertThat(s.action()).isEqualTo("none");
            assertThat(s.wave()).isZero();
            assertThat(s.target()).isEmpty();
            assertThat(s.reason()).isEqualTo("no surviving host reaches ds-2");
        });
        // The default policy (derived percentage): 16680 MB reserved on the 16384 MB of host-1 and host-2.
        assertThat(plan.capacityAfter().sufficient()).isFalse();
        assertThat(plan.capacityAfter().memoryReservedMb()).isEqualTo(16_680);

        RestartPlan big = master.view(now).plan(List.of(H2, H3));
        // host-1 and host-4 are left: vm-5 (highest, 6000 MB) takes host-1 (8192 MB free), so vm-1
        // (high, 4096 MB) goes to host-4 (5192 MB free).
        assertThat(big.steps()).extracting(RestartPlan.Step::vm, RestartPlan.Step::target)
                .startsWith(org.assertj.core.groups.Tuple.tuple("vm-5", "host-1"),
                        org.assertj.core.groups.Tuple.tuple("vm-1", "host-4"));
        RestartPlan tooBig = master.view(now).plan(List.of(H2, H3, H4));
        assertThat(tooBig.steps()).filteredOn(s -> s.vm().equals("vm-1")).singleElement()
                .satisfies(s -> assertThat(s.reason()).isEqualTo(
                        "no surviving host that reaches ds-1 has 2000 MHz and 4096 MB free (host-1 8400 MHz, 656 MB)"));
        // host-1 keeps what is left after vm-5, vm-2 and vm-4: 10000 - 1000 - 500 - 100 MHz, 8192 - 6000 - 1024 - 512 MB.
    }

    @Test
    void vmsBeyondThePowerOnLimitGoInALaterWave() {
        inventory.put(H2, new ArrayList<>(List.of(vm("vm-1", "ds-1", 10, 10, RestartPriority.HIGH),
                vm("vm-2", "ds-1", 10, 10, RestartPriority.MEDIUM), vm("vm-3", "ds-1", 10, 10, RestartPriority.LOW),
                vm("vm-4", "ds-1", 10, 10, RestartPriority.LOWEST))));
        start(config(HaPolicy.defaults(), 1));
        RestartPlan plan = master.view(now).plan(List.of(H2));
        // Three surviving hosts take one power-on each at a time: vm-4 waits for the second wave.
        assertThat(plan.steps()).extracting(RestartPlan.Step::vm, RestartPlan.Step::wave).containsExactly(
                org.assertj.core.groups.Tuple.tuple("vm-1", 1), org.assertj.core.groups.Tuple.tuple("vm-2", 1),
                org.assertj.core.groups.Tuple.tuple("vm-3", 1), org.assertj.core.groups.Tuple.tuple("vm-4", 2));
        assertThat(plan.steps()).extracting(RestartPlan.Step::target).doesNotContain("");
    }

    @Test
    void planNamesUnknownHostsAndNotesTheMasterAndHostMonitoring() {
        layout();
        start(config(new HaPolicy(false, IsolationResponse.NONE, true), 32));
        assertThatThrownBy(() -> master.view(now).plan(List.of(HostId.of("host-9"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown host host-9 (members: host-1, host-2, host-3, host-4)");
        assertThatThrownBy(() -> master.view(now).plan(List.of())).isInstanceOf(IllegalArgumentException.class);
        RestartPlan plan = master.view(now).plan(List.of(M, H2));
        assertThat(plan.notes()).anyMatch(n -> n.startsWith("host monitoring is disabled"))
                .anyMatch(n -> n.startsWith("host-1 is this master"));
        assertThat(plan.steps()).extracting(RestartPlan.Step::vm).containsExactly("vm-1", "vm-2");
        assertThat(plan.steps()).allSatisfy(s -> {
            assertThat(s.action()).isEqualTo("none");
            assertThat(s.reason()).isEqualTo("host monitoring is disabled: nothing is restarted");
        });
    }

    @Test
    void masterWarnsOnceWhenAFailureLeavesTooFewSlotsAndAgainWhenTheHostIsBack() {
        // Slot: 1000 MHz / 4096 MB, two a host (8192 / 4096): 8 slots for 4 VMs. Without host-2
        // the 3 live hosts hold 6; without one more 4 >= 4 still. Without host-2 and host-3 the 2
        // live hosts hold 4 and losing one more leaves 2 < 4: warning.
        inventory.put(H2, new ArrayList<>(List.of(vm("vm-1", "ds-1", 1000, 4096, RestartPriority.HIGH),
                vm("vm-2", "ds-1", 1000, 4096, RestartPriority.HIGH))));
        inventory.put(H3, new ArrayList<>(List.of(vm("vm-3", "ds-1", 1000, 4096, RestartPriority.HIGH))));
        inventory.put(H4, new ArrayList<>(List.of(vm("vm-4", "ds-1", 1000, 4096, RestartPriority.HIGH))));
        start(config(new HaPolicy(true, IsolationResponse.NONE, true, AdmissionControlPolicy.slots(1, 0, 0)), 32));
        CapacityStatus before = master.view(now).capacity();
        assertThat(before.policy()).isEqualTo("slotPolicy");
        assertThat(before.configured()).isTrue();
        assertThat(before.totalSlots()).isEqualTo(8);
        assertThat(before.usedSlots()).isEqualTo(4);
        assertThat(before.failuresTolerated()).isEqualTo(2);
        assertThat(journal(EventKind.ADMISSION_CONTROL_WARNING)).isEmpty();

        silent.add(H3);
        silent.add(H2);
        for (int i = 0; i < 100; i++) {
            advance(50);
        }
        assertThat(master.view(now).state(H2)).isEqualTo(HostState.HOST_DOWN);
        CapacityStatus after = master.view(now).capacity();
        assertThat(after.sufficient()).isFalse();
        assertThat(after.failuresTolerated()).isZero();
        assertThat(journal(EventKind.ADMISSION_CONTROL_WARNING)).as("once, not every tick").singleElement()
                .satisfies(j -> assertThat(j.message()).isEqualTo("insufficient failover resources (slotPolicy): tolerates 0"
                        + " of 1 host failure: the 2 live hosts hold 4 slots of 1000 MHz and 4096 MB, 4 are used by protected"
                        + " VMs; without the 1 largest host 2 are left"));

        silent.remove(H2); // host-2 comes back (empty: its VMs were restarted elsewhere)
        inventory.put(H2, new ArrayList<>());
        step(new MasterEvent.VmReportReceived(H2, new VmReport(2, 1, List.of())));
        for (int i = 0; i < 10; i++) {
            advance(50);
        }
        assertThat(journal(EventKind.ADMISSION_CONTROL_OK)).singleElement().satisfies(j -> assertThat(j.message())
                .isEqualTo("failover resources sufficient again (slotPolicy: tolerates 1 of 1 host failure)"));
        assertThat(journal(EventKind.ADMISSION_CONTROL_WARNING)).hasSize(1);
    }

    @Test
    void theDefaultPolicyIsComputedButNeverJournaled() {
        inventory.put(H2, new ArrayList<>(List.of(vm("vm-1", "ds-1", 8000, 8000, RestartPriority.HIGH))));
        inventory.put(H3, new ArrayList<>(List.of(vm("vm-2", "ds-1", 8000, 8000, RestartPriority.HIGH))));
        inventory.put(H4, new ArrayList<>(List.of(vm("vm-3", "ds-1", 8000, 8000, RestartPriority.HIGH))));
        start(config(HaPolicy.defaults(), 32));
        CapacityStatus c = master.view(now).capacity();
        assertThat(c.policy()).isEqualTo("resourcePercentage");
        assertThat(c.configured()).isFalse();
        assertThat(c.memoryFailoverPercent()).isEqualTo(25);
        assertThat(c.memoryFreePercent()).isEqualTo(26); // (32768 - 24000) / 32768
        silent.add(H2);
        for (int i = 0; i < 100; i++) {
            advance(50);
        }
        assertThat(master.view(now).capacity().sufficient()).isFalse();
        assertThat(journal(EventKind.ADMISSION_CONTROL_WARNING)).isEmpty();
    }

    // ---------------------------------------------------------------- harness

    /** The host falls silent on the network and its heartbeat file stops, until it is declared dead. */
    private void kill(HostId h) {
        silent.add(h);
        for (int i = 0; i < 60; i++) {
            advance(50);
        }
    }

    private void alive(HostId h) {
        step(new MasterEvent.SlaveHeartbeatReceived(h, new SlaveHeartbeat(1, M, 1, List.copyOf(configHost(h).datastores()))));
    }

    private HostSpec configHost(HostId h) {
        return master.config().host(h).orElseThrow();
    }

    /** Time passes: live hosts send heartbeats and bump their heartbeat files; the lease is renewed. */
    private void advance(long ms) {
        now += ms;
        for (String ds : List.of("ds-1", "ds-2")) {
            step(new MasterEvent.LeaseHeld(ds, 3, now + 1000));
        }
        for (HostId h : ALL) {
            long counter = hbCounter.merge(h, silent.contains(h) ? 0L : 1L, Long::sum);
            if (!silent.contains(h)) {
                alive(h);
            }
            for (String ds : configHost(h).datastores()) {
                step(new MasterEvent.HeartbeatObserved(h, ds, OptionalLong.of(counter)));
            }
        }
        step(new MasterEvent.Tick());
    }

    /** Feeds an event; protectedlist writes succeed at once, as the agent reports them. */
    private void step(MasterEvent e) {
        java.util.ArrayDeque<MasterEvent> queue = new java.util.ArrayDeque<>(List.of(e));
        while (!queue.isEmpty()) {
            for (MasterAction a : master.step(queue.poll(), now)) {
                log.add(a);
                if (a instanceof MasterAction.WriteProtectedList w) {
                    queue.add(new MasterEvent.ProtectedListWritten(w.datastore(), w.list().version(), true, ""));
                }
            }
        }
    }

    private List<MasterAction.Journal> journal(EventKind kind) {
        return log.stream().filter(MasterAction.Journal.class::isInstance).map(MasterAction.Journal.class::cast)
                .filter(j -> j.kind() == kind).toList();
    }
}
