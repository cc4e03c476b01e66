package io.openfdm.master.hoststate;

import io.openfdm.core.config.ClusterConfig;
import io.openfdm.core.config.DatastoreSpec;
import io.openfdm.core.config.HostSpec;
import io.openfdm.core.config.Timing;
import io.openfdm.core.journal.EventKind;
import io.openfdm.core.model.Claim;
import io.openfdm.core.model.HostId;
import io.openfdm.core.model.HostState;
import io.openfdm.core.model.PowerState;
import io.openfdm.core.model.RestartPriority;
import io.openfdm.core.model.VmId;
import io.openfdm.core.model.VmInfo;
import io.openfdm.core.wire.PowerOnRequest;
import io.openfdm.core.wire.PowerOnResult;
import io.openfdm.core.wire.SlaveHeartbeat;
import io.openfdm.core.wire.VmReport;
import io.openfdm.datastore.poweron.PoweredOffMarker;
import io.openfdm.datastore.poweron.PoweronRecord;
import io.openfdm.master.MasterAction;
import io.openfdm.master.MasterEvent;
import io.openfdm.master.MasterEvent.ProtectedListRead;
import io.openfdm.master.MasterMachine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The master machine with the decision table's other inputs: pings of management addresses,
 * poweron files, poweredoff markers and election claims, answered by a small in-test agent.
 */
class MasterHostStateTest {
    private static final Timing T = Timing.defaults();
    private static final HostId M = HostId.of("host-1");
    private static final HostId S2 = HostId.of("host-2");
    private static final HostId S3 = HostId.of("host-3");
    private static final VmId VM1 = VmId.of("vm-1");
    private static final long S2_BOOT = 42;

    private ClusterConfig config;
    private MasterMachine master;
    private long now;
    private final List<MasterAction> log = new ArrayList<>();
    /** Hosts whose management address answers a ping. */
    private final Set<HostId> answering = new HashSet<>();
    /** When false, pings are sent but never answered (a stuck worker). */
    private boolean answerPings = true;
    private final Map<HostId, PoweronRecord> poweron = new HashMap<>();
    private final Map<VmId, PoweredOffMarker> markers = new HashMap<>();
    private final List<VmId> deletedMarkers = new ArrayList<>();
    private long s2Counter;
    private long s3Counter;

    private static HostSpec host(HostId id, int last, List<String> datastores) {
        return new HostSpec(id, "10.0.7." + last, 8182, datastores, 10_000, 8192);
    }

    private void cluster(List<String> datastores, int perHost) {
        config = new ClusterConfig("c1", 1, "ab".repeat(32),
                List.of(host(M, 1, datastores), host(S2, 2, datastores), host(S3, 3, datastores)),
                datastores.stream().map(d -> new DatastoreSpec(d, "/" + d)).toList(), List.of(), perHost, T).validate();
        master = new MasterMachine(M, config, new Claim(M, datastores.size()), now, MasterMachine.Handover.none(), 1);
        log.clear();
        for (String ds : datastores) {
            step(new MasterEvent.LeaseHeld(ds, 3, now + 1000));
        }
        step(new MasterEvent.Tick());
        for (String ds : datastores) {
            step(new MasterEvent.ProtectedListLoaded(ds, new ProtectedListRead.Missing()));
        }
        answering.addAll(List.of(M, S2, S3));
        for (HostId h : List.of(M, S2, S3)) {
            heartbeat(h);
        }
        step(new MasterEvent.VmReportReceived(M, new VmReport(1, 1, List.of())));
        step(new MasterEvent.VmReportReceived(S2, new VmReport(1, S2_BOOT, List.of(vm(PowerState.POWERED_ON)))));
        step(new MasterEvent.VmReportReceived(S3, new VmReport(1, 3, List.of())));
        step(new MasterEvent.Tick());
    }

    @BeforeEach
    void oneDatastore() {
        cluster(List.of("ds-1"), 2);
    }

    private static VmInfo vm(PowerState power) {
        return new VmInfo(VM1, "vm-1", "ds-1", power, 100, 1024, RestartPriority.HIGH);
    }

    @Test
    void agentDownOnALiveHostIsFdmUnreachableAndNothingIsRestartedUntilThePingStops() {
        run(100, false, false); // host-2: network and datastore heartbeats silent, its address answers
        assertThat(master.view(now).state(S2)).isEqualTo(HostState.FDM_UNREACHABLE);
        assertThat(requests()).isEmpty();
        assertThat(journal(EventKind.HOST_STATE_CHANGED)).anyMatch(j -> j.message()
                .equals("host-2 agent unreachable: network and datastore heartbeats silent but its management address"
                        + " 10.0.7.2 answers; its VMs are not restarted"));

        answering.remove(S2); // now the host itself dies; the next ping goes unanswered
        run(3000 / 50, false, false);
        assertThat(master.view(now).state(S2)).isEqualTo(HostState.HOST_DOWN);
        assertThat(requests()).singleElement().satisfies(r -> assertThat(r.vm().id()).isEqualTo(VM1));
    }

    @Test
    void aDeadHostIsDeclaredAtTheSameTickWhenItsPingComesBackAtOnce() {
        answering.remove(S2);
        run(100, false, false);
        assertThat(master.view(now).state(S2)).isEqualTo(HostState.HOST_DOWN);
        assertThat(of(MasterAction.ProbeAddress.class)).as("pinged once, not again once dead")
                .filteredOn(p -> p.host().equals(S2)).singleElement()
                .satisfies(p -> assertThat(p.timeoutMs()).isEqualTo(HostStateTiming.probeTimeoutMs(T)));
        assertThat(requests()).hasSize(1);
    }

    @Test
    void aPingThatNeverComesBackCountsAsUnansweredAfterTwiceItsTimeout() {
        answerPings = false;
        run(100, false, false);
        assertThat(master.view(now).state(S2)).isEqualTo(HostState.HOST_DOWN);
    }

    @Test
    void isolatedHostsVmIsRestartedOnlyOnceItIsPoweredOffAndMarked() {
        poweron.put(S2, new PoweronRecord(S2, true, List.of(VM1), 1, 0));
        run(100, false, true); // datastore heartbeat goes on
        assertThat(master.view(now).state(S2)).isEqualTo(HostState.NETWORK_ISOLATED);
        assertThat(journal(EventKind.HOST_STATE_CHANGED)).as("the first verdict is already the right one")
                .filteredOn(j -> j.subject().equals("host-2")).singleElement()
                .satisfies(j -> assertThat(j.message()).startsWith("host-2 is isolated: network silent"));

        markers.put(VM1, new PoweredOffMarker(VM1, S2, S2_BOOT, "powerOff", 0));
        run(60, false, true);
        assertThat(requests()).as("still listed in its poweron file: it may still run").isEmpty();

        poweron.put(S2, new PoweronRecord(S2, true, List.of(), 2, 0));
        run(60, false, true);
        assertThat(journal(EventKind.RESTART_REQUESTED)).anyMatch(j -> j.message()
                .equals("vm-1 was powered off by host-2 as its isolation response (poweredoff marker): restarting it"));
        PowerOnRequest request = requests().get(0);
        HostId target = target(request);
        assertThat(target).isIn(M, S3);
        step(new MasterEvent.PowerOnResultReceived(target, PowerOnResult.ok(request.requestId(), VM1)));
        step(new MasterEvent.VmReportReceived(target, new VmReport(5, target.equals(M) ? 1 : 3,
                List.of(vm(PowerState.POWERED_ON)))));
        run(60, false, true);
        assertThat(deletedMarkers).containsExactly(VM1);
        assertThat(requests()).as("exactly one restart").hasSize(1);
    }

    @Test
    void aMarkerFromAnEarlierBootOfTheHostIsNotEnough() {
        poweron.put(S2, new PoweronRecord(S2, true, List.of(), 1, 0));
        markers.put(VM1, new PoweredOffMarker(VM1, S2, S2_BOOT - 1, "powerOff", 0));
        run(200, false, true);
        assertThat(master.view(now).state(S2)).isEqualTo(HostState.NETWORK_ISOLATED);
        assertThat(requests()).isEmpty();
    }

    @Test
    void partitionedHostsVmsAreNeverRestartedEvenWithAMarker() {
        poweron.put(S2, new PoweronRecord(S2, false, List.of(), 1, 0));
        markers.put(VM1, new PoweredOffMarker(VM1, S2, S2_BOOT, "powerOff", 0));
        run(200, false, true);
        assertThat(master.view(now).state(S2)).isEqualTo(HostState.NETWORK_PARTITIONED_FROM_MASTER);
        assertThat(journal(EventKind.HOST_STATE_CHANGED)).anyMatch(j -> j.message().equals(
                "host-2 is partitioned from the master: network silent, datastore heartbeat alive, not isolated"
                        + " (poweron file); its VMs are not restarted"));
        assertThat(requests()).isEmpty();
    }

    @Test
    void anIsolatedHostThatComesBackWithTheVmOffHasItRestartedNotUnprotected() {
        poweron.put(S2, new PoweronRecord(S2, true, List.of(VM1), 1, 0));
        run(100, false, true);
        markers.put(VM1, new PoweredOffMarker(VM1, S2, S2_BOOT, "powerOff", 0));
        // The network returns before the poweron file was rewritten; host-2 reports the VM off.
        step(new MasterEvent.VmReportReceived(S2, new VmReport(2, S2_BOOT, List.of(vm(PowerState.POWERED_OFF)))));
        run(60, true, true);
        assertThat(master.view(now).state(S2)).isEqualTo(HostState.CONNECTED_TO_MASTER);
        assertThat(journal(EventKind.PROTECTION_CHANGED)).noneMatch(j -> j.message().contains("unprotected"));
        assertThat(requests()).singleElement().satisfies(r -> assertThat(r.vm().id()).isEqualTo(VM1));
    }

    @Test
    void aSilentHostCallingElectionsIsInElection() {
        for (int i = 0; i < 100; i++) {
            step(new MasterEvent.ElectionClaimHeard(S2));
            tickAll(false, false);
        }
        assertThat(master.view(now).state(S2)).isEqualTo(HostState.ELECTION);
        assertThat(requests()).isEmpty();
    }

    @Test
    void heartbeatsAreReadOnlyFromTheHostsChosenHeartbeatDatastores() {
        cluster(List.of("ds-1", "ds-2", "ds-3"), 2);
        log.clear();
        run(12, true, true);
        assertThat(of(MasterAction.ReadHeartbeat.class)).filteredOn(r -> r.host().equals(S2))
                .extracting(MasterAction.ReadHeartbeat::datastore).containsOnly("ds-1", "ds-2");
    }

    // ---------------------------------------------------------------- harness

    /** {@code ticks} ticks of 50 ms: host-1 and host-3 alive; host-2 as told. */
    private void run(int ticks, boolean s2Network, boolean s2Datastore) {
        for (int i = 0; i < ticks; i++) {
            tickAll(s2Network, s2Datastore);
        }
    }

    private void tickAll(boolean s2Network, boolean s2Datastore) {
        now += 50;
        for (String ds : config.datastores().stream().map(DatastoreSpec::name).toList()) {
            step(new MasterEvent.LeaseHeld(ds, 3, now + 1000));
        }
        heartbeat(M);
        heartbeat(S3);
        s3Counter++;
        if (s2Network) {
            heartbeat(S2);
        }
        if (s2Datastore) {
            s2Counter++;
        }
        step(new MasterEvent.Tick());
    }

    private void heartbeat(HostId h) {
        List<String> all = config.datastores().stream().map(DatastoreSpec::name).toList();
        step(new MasterEvent.SlaveHeartbeatReceived(h, new SlaveHeartbeat(1, M, 1, all)));
    }

    /** Steps the machine and answers its reads, pings and writes at once, as the simulator's agent does. */
    private void step(MasterEvent first) {
        Deque<MasterEvent> pending = new ArrayDeque<>(List.of(first));
        while (!pending.isEmpty()) {
            for (MasterAction a : master.step(pending.poll(), now)) {
                log.add(a);
                if (a instanceof MasterAction.WriteProtectedList w) {
                    pending.add(new MasterEvent.ProtectedListWritten(w.datastore(), w.list().version(), true, ""));
                } else if (a instanceof MasterAction.ReadHeartbeat r) {
                    long counter = r.host().equals(S2) ? s2Counter : r.host().equals(S3) ? s3Counter : now;
                    pending.add(new MasterEvent.HeartbeatObserved(r.host(), r.datastore(), OptionalLong.of(counter)));
                } else if (a instanceof MasterAction.ProbeAddress p && answerPings) {
                    pending.add(new MasterEvent.AddressProbed(p.host(), p.sentMs(), answering.contains(p.host())));
                } else if (a instanceof MasterAction.ReadPoweron r) {
                    pending.add(new MasterEvent.PoweronObserved(r.host(), r.datastore(),
                            Optional.ofNullable(poweron.get(r.host()))));
                } else if (a instanceof MasterAction.ReadPoweredOffMarkers r) {
                    pending.add(new MasterEvent.PoweredOffMarkersRead(r.datastore(),
                            Optional.of(r.datastore().equals("ds-1") ? List.copyOf(markers.values()) : List.of())));
                } else if (a instanceof MasterAction.DeletePoweredOffMarker d) {
                    markers.remove(d.vm());
                    deletedMarkers.add(d.vm());
                }
            }
        }
    }

    private <A extends MasterAction> List<A> of(Class<A> type) {
        return log.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private List<PowerOnRequest> requests() {
        return of(MasterAction.Send.class).stream().map(MasterAction.Send::message)
                .filter(PowerOnRequest.class::isInstance).map(PowerOnRequest.class::cast).toList();
    }

    private HostId target(PowerOnRequest r) {
        return of(MasterAction.Send.class).stream().filter(s -> s.message() == r).findFirst().orElseThrow().to();
    }

    private List<MasterAction.Journal> journal(EventKind kind) {
        return of(MasterAction.Journal.class).stream().filter(j -> j.kind() == kind).toList();
    }
}
