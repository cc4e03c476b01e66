package io.openfdm.master;

import io.openfdm.core.config.AdmissionControlPolicy;
import io.openfdm.core.config.ClusterConfig;
import io.openfdm.core.config.DatastoreSpec;
import io.openfdm.core.config.HaPolicy;
import io.openfdm.core.config.HostSpec;
import io.openfdm.core.config.IsolationResponse;
import io.openfdm.core.config.ReadyCondition;
import io.openfdm.core.config.RestartPolicy;
import io.openfdm.core.config.Timing;
import io.openfdm.core.config.VmOverride;
import io.openfdm.core.journal.EventKind;
import io.openfdm.core.model.Claim;
import io.openfdm.core.model.HostId;
import io.openfdm.core.model.HostMode;
import io.openfdm.core.model.HostState;
import io.openfdm.core.model.PowerState;
import io.openfdm.core.model.RestartClass;
import io.openfdm.core.model.RestartPriority;
import io.openfdm.core.model.VmId;
import io.openfdm.core.model.VmInfo;
import io.openfdm.core.status.RestartPlan;
import io.openfdm.core.wire.PowerOnRequest;
import io.openfdm.core.wire.PowerOnResult;
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
import static org.assertj.core.api.Assertions.tuple;

/**
 * The failover-host preference and the restart classes on a master driven with events: four
 * hosts of 10000 MHz and 8192 MB on ds-1, host-1 the master. Without a preference, placement picks
 * the host with the most free memory and then the smaller MOID, so host-1 beats an empty host-4;
 * with host-4 a dedicated failover host, host-4 must win.
 */
class FailoverHostsAndRestartClassesTest {
    private static final HostId M = HostId.of("host-1");
    private static final HostId H2 = HostId.of("host-2");
    private static final HostId H3 = HostId.of("host-3");
    private static final HostId H4 = HostId.of("host-4");
    private static final List<HostId> ALL = List.of(M, H2, H3, H4);
    private static final HaPolicy FAILOVER_HOST_4 = new HaPolicy(true, IsolationResponse.NONE, true,
            AdmissionControlPolicy.failoverHosts(1, List.of(H4)));

    private MasterMachine master;
    private long now;
    private final List<MasterAction> log = new ArrayList<>();
    private final Map<HostId, List<VmInfo>> inventory = new LinkedHashMap<>();
    private final Map<HostId, Long> hbCounter = new HashMap<>();
    private final List<HostId> silent = new ArrayList<>();

    private static ClusterConfig config(HaPolicy policy, List<VmOverride> overrides, RestartPolicy restart) {
        return new ClusterConfig("c1", 1, "ab".repeat(32),
                ALL.stream().map(h -> new HostSpec(h, "127.0.12." + h.moid().charAt(5), 8182, List.of("ds-1"), 10_000, 8192))
                        .toList(),
                List.of(new DatastoreSpec("ds-1", "/ds1")), overrides, 2, Timing.defaults(), policy, restart).validate();
    }

    private static VmInfo vm(String id, int mem, RestartPriority p) {
        return new VmInfo(VmId.of(id), id, "ds-1", PowerState.POWERED_ON, 100, mem, p);
    }

    // ---------------------------------------------------------------- failover hosts

    @Test
    void theFailoverHostTakesTheRestartsAndThePlanSaysSoFirst() {
        inventory.put(H2, new ArrayList<>(List.of(vm("vm-1", 1024, RestartPriority.HIGH), vm("vm-2", 1024, RestartPriority.LOW))));
        start(config(FAILOVER_HOST_4, List.of(), RestartPolicy.defaults()));
        RestartPlan plan = master.view(now).plan(List.of(H2));
        assertThat(plan.steps()).extracting(RestartPlan.Step::vm, RestartPlan.Step::target)
                .containsExactly(tuple("vm-1", "host-4"), tuple("vm-2", "host-4"));

        kill(H2);
        assertThat(requested()).containsExactly(tuple("vm-1", "host-4"), tuple("vm-2", "host-4"));
    }

    @Test
    void withoutTheFailoverHostsPolicyOrWithAdmissionControlDisabledNoHostIsPreferred() {
        inventory.put(H2, new ArrayList<>(List.of(vm("vm-1", 1024, RestartPriority.HIGH))));
        start(config(new HaPolicy(true, IsolationResponse.NONE, false, AdmissionControlPolicy.failoverHosts(1, List.of(H4))),
                List.of(), RestartPolicy.defaults()));
        assertThat(master.view(now).plan(List.of(H2)).steps()).extracting(RestartPlan.Step::target).containsExactly("host-1");
        kill(H2);
        assertThat(requested()).containsExactly(tuple("vm-1", "host-1"));
    }

    @Test
    void aFullFailoverHostLeavesTheRestToTheOtherHosts() {
        // vm-1 (high, 6000 MB) takes host-4 (8192 MB); vm-2 (low, 4000 MB) no longer fits there
        // (2192 MB left) and goes to host-1, the other host with the most free memory.
        inventory.put(H2, new ArrayList<>(List.of(vm("vm-1", 6000, RestartPriority.HIGH), vm("vm-2", 4000, RestartPriority.LOW))));
        start(config(FAILOVER_HOST_4, List.of(), RestartPolicy.defaults()));
        assertThat(master.view(now).plan(List.of(H2)).steps()).extracting(RestartPlan.Step::vm, RestartPlan.Step::target)
                .containsExactly(tuple("vm-1", "host-4"), tuple("vm-2", "host-1"));
        kill(H2);
        assertThat(requested()).containsExactly(tuple("vm-1", "host-4"), tuple("vm-2", "host-1"));
    }

    @Test
    void aFailoverHostThatIsDownOrInMaintenanceIsPassedOver() {
        inventory.put(H2, new ArrayList<>(List.of(vm("vm-1", 1024, RestartPriority.HIGH))));
        inventory.put(H3, new ArrayList<>(List.of(vm("vm-2", 1024, RestartPriority.HIGH))));
        start(config(FAILOVER_HOST_4, List.of(), RestartPolicy.defaults()));
        kill(H4);
        assertThat(master.view(now).state(H4)).isEqualTo(HostState.HOST_DOWN);
        assertThat(master.view(now).plan(List.of(H2)).steps()).extracting(RestartPlan.Step::target).containsExactly("host-1");
        kill(H2);
        assertThat(requested()).containsExactly(tuple("vm-1", "host-1"));

        // host-4 comes back, but in maintenance mode: still no restart goes there.
        silent.remove(H4);
        modes.put(H4, HostMode.MAINTENANCE);
        step(new MasterEvent.VmReportReceived(H4, new VmReport(2, 1, List.of())));
        for (int i = 0; i < 20; i++) {
            advance(50);
        }
        assertThat(master.view(now).state(H4)).isEqualTo(HostState.CONNECTED_TO_MASTER);
        answerPowerOns();
        log.clear();
        kill(H3);
        assertThat(requested()).containsExactly(tuple("vm-2", "host-1"));
    }

    // ---------------------------------------------------------------- restart classes

    @Test
    void anAgentVmOfLowestPriorityGoesBeforeAnFtSecondaryAndAHighestPriorityVm() {
        // Room for one of them only on the survivors: whoever is placed first gets it.
        inventory.put(H2, new ArrayList<>(List.of(vm("vm-1", 7000, RestartPriority.HIGHEST),
                vm("vm-2", 7000, RestartPriority.LOW), vm("vm-3", 7000, RestartPriority.LOWEST))));
        inventory.put(M, new ArrayList<>(List.of(vm("vm-9", 7000, RestartPriority.MEDIUM))));
        inventory.put(H3, new ArrayList<>(List.of(vm("vm-8", 7000, RestartPriority.MEDIUM))));
        start(config(HaPolicy.defaults(), List.of(
                new VmOverride(VmId.of("vm-3"), true, null, null, RestartClass.AGENT_VM),
                new VmOverride(VmId.of("vm-2"), true, null, null, RestartClass.FT_SECONDARY)), RestartPolicy.defaults()));
        RestartPlan plan = master.view(now).plan(List.of(H2));
        assertThat(plan.steps()).extracting(RestartPlan.Step::vm, RestartPlan.Step::target, RestartPlan.Step::restartClass)
                .containsExactly(tuple("vm-3", "host-4", "agentVm"), tuple("vm-2", "", "ftSecondary"),
                        tuple("vm-1", "", "ordinary"));
        kill(H2);
        assertThat(requested()).containsExactly(tuple("vm-3", "host-4"));
        assertThat(journal(EventKind.RESTART_FAILED)).extracting(MasterAction.Journal::message)
                .containsExactly("vm-2 waits for placement: no live host reaches ds-1 with room for it",
                        "vm-1 waits for placement: no live host reaches ds-1 with room for it");
    }

    @Test
    void withReadinessTheOrdinaryVmsWaitForTheAgentVmAndTheFtSecondary() {
        inventory.put(H2, new ArrayList<>(List.of(vm("vm-1", 1024, RestartPriority.HIGHEST),
                vm("vm-2", 1024, RestartPriority.LOW), vm("vm-3", 1024, RestartPriority.LOWEST))));
        RestartPolicy poweredOn = new RestartPolicy(RestartPolicy.VMWARE_ATTEMPT_SCHEDULE_MS, ReadyCondition.POWERED_ON, 2000,
                RestartPolicy.DEFAULT_READY_TIMEOUT_MS, List.of(), List.of(), List.of());
        start(config(HaPolicy.defaults(), List.of(
                new VmOverride(VmId.of("vm-3"), true, null, null, RestartClass.AGENT_VM),
                new VmOverride(VmId.of("vm-2"), true, null, null, RestartClass.FT_SECONDARY)), poweredOn));
        kill(H2);
        assertThat(requested()).extracting(t -> t.toList().get(0)).containsExactly("vm-3");
        assertThat(journal(EventKind.RESTART_REQUESTED)).extracting(MasterAction.Journal::message)
                .contains("vm-2 waits for vm-3 (agent VM, priority lowest) to be ready (powered on)",
                        "vm-1 waits for vm-2 (FT secondary, priority low) to be ready (powered on)");

        answerPowerOns(); // vm-3 runs: after the 2 s post-ready delay, vm-2 goes
        for (int i = 0; i < 30; i++) {
            advance(50);
        }
        assertThat(requested()).as("within the post-ready delay").extracting(t -> t.toList().get(0)).containsExactly("vm-3");
        for (int i = 0; i < 15; i++) {
            advance(50);
        }
        assertThat(requested()).extracting(t -> t.toList().get(0)).containsExactly("vm-3", "vm-2");
        answerPowerOns();
        for (int i = 0; i < 50; i++) {
            advance(50);
        }
        assertThat(requested()).extracting(t -> t.toList().get(0)).containsExactly("vm-3", "vm-2", "vm-1");
    }

    // ---------------------------------------------------------------- harness

    private void start(ClusterConfig config) {
        master = new MasterMachine(M, config, new Claim(M, 1), now, MasterMachine.Handover.none(), 1);
        step(new MasterEvent.LeaseHeld("ds-1", 3, now + 1000));
        step(new MasterEvent.Tick());
        step(new MasterEvent.ProtectedListLoaded("ds-1", new ProtectedListRead.Missing()));
        ALL.forEach(h -> inventory.putIfAbsent(h, new ArrayList<>()));
        for (HostId h : ALL) {
            alive(h);
            step(new MasterEvent.VmReportReceived(h, new VmReport(1, 1, inventory.get(h))));
        }
        advance(100);
    }

    /** The host falls silent on the network and its heartbeat file stops, until it is declared dead. */
    private void kill(HostId h) {
        silent.add(h);
        for (int i = 0; i < 60; i++) {
            advance(50);
        }
    }

    private final Map<HostId, HostMode> modes = new HashMap<>();

    private void alive(HostId h) {
        step(new MasterEvent.SlaveHeartbeatReceived(h, new SlaveHeartbeat(1, M, 1, List.of("ds-1"),
                modes.getOrDefault(h, HostMode.NORMAL))));
    }

    private void advance(long ms) {
        now += ms;
        step(new MasterEvent.LeaseHeld("ds-1", 3, now + 1000));
        for (HostId h : ALL) {
            long counter = hbCounter.merge(h, silent.contains(h) ? 0L : 1L, Long::sum);
            if (!silent.contains(h)) {
                alive(h);
            }
            step(new MasterEvent.HeartbeatObserved(h, "ds-1", OptionalLong.of(counter)));
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

    /** Every power-on request sent and not answered yet succeeds; the target reports the VM running. */
    private void answerPowerOns() {
        for (MasterAction a : List.copyOf(log)) {
            if (a instanceof MasterAction.Send s && s.message() instanceof PowerOnRequest r && !answered.contains(r.requestId())) {
                answered.add(r.requestId());
                step(new MasterEvent.PowerOnResultReceived(s.to(), PowerOnResult.ok(r.requestId(), r.vm().id())));
            }
        }
    }

    private final List<Long> answered = new ArrayList<>();

    /** The power-on requests sent, in order, as (vm, host) pairs; a repeated request counts once. */
    private List<org.assertj.core.groups.Tuple> requested() {
        List<org.assertj.core.groups.Tuple> out = new ArrayList<>();
        List<Long> seen = new ArrayList<>();
        for (MasterAction a : log) {
            if (a instanceof MasterAction.Send s && s.message() instanceof PowerOnRequest r && !seen.contains(r.requestId())) {
                seen.add(r.requestId());
                out.add(tuple(r.vm().id().moid(), s.to().moid()));
            }
        }
        return out;
    }

    private List<MasterAction.Journal> journal(EventKind kind) {
        return log.stream().filter(MasterAction.Journal.class::isInstance).map(MasterAction.Journal.class::cast)
                .filter(j -> j.kind() == kind).toList();
    }
}
